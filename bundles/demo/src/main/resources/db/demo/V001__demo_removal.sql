-- The demo's one row of memory: when it was removed from this store (and what the removal did), so that no later start
-- or demo:load brings it back. A removal that stopped half-way has no finished_at; demo:remove finishes it.
CREATE TABLE demo_removal (
    id INTEGER PRIMARY KEY,
    started_at TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at TIMESTAMP WITH TIME ZONE,
    summary VARCHAR
);
