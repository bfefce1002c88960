-- Every column of every sign-in row (SigninLogs + AADNonInteractiveUserSignInLogs NDJSON), each parsed to its
-- inferred type and hashed, so nothing is projected away: the reading `aitm detect` does for its evidence (~100
-- fields a sign-in) without any correlation. It bounds the other DuckDB queries from above: they read 7 columns.
-- The result is one row: the rows read and a hash over all their values.
SELECT count(*) AS signins, sum(hash(s)) AS digest
FROM read_json(${signins}, format = 'newline_delimited', ignore_errors = true, union_by_name = true) s
