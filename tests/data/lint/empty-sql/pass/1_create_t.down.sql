-- undo
DROP TABLE t;
