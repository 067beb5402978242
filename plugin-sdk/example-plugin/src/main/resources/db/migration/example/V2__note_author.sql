-- Notes now have an author: the signed-in user who wrote them (older notes have none).
ALTER TABLE notes ADD COLUMN author TEXT;
