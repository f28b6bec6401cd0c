-- Trigram indexes answer "numbers containing these digits" (the message and opt-out number
-- searches) without reading every row. pg_trgm ships with PostgreSQL (contrib) and is a
-- trusted extension: the database's owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
