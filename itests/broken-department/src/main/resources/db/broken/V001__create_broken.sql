CREATE TABLE broken_item (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL);
INSERT INTO broken_item (id, name) VALUES (1, 'kept');
