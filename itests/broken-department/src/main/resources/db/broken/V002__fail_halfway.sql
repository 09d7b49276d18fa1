UPDATE broken_item SET name = 'changed' WHERE id = 1;
INSERT INTO broken_item (id, name) VALUES (2, 'never');
INSERT INTO no_such_table (id) VALUES (1);
