-- Session replay in SQL over Log Analytics exports (SigninLogs + AADNonInteractiveUserSignInLogs NDJSON, one
-- object a line, every column as Log Analytics exports it, so AutonomousSystemNumber and ResultType are strings):
-- the same Entra session used from two networks (different ASN) with a different client within 60 minutes,
-- successful sign-ins only. Reads only the columns it needs, as a SOC engineer would. ${signins} is a glob or
-- a list of files; the whole-process benchmark (scripts/bench-whole-process.sh) passes both sign-in tables.
WITH s AS (
  SELECT UserPrincipalName AS upn, SessionId AS sid, IPAddress AS ip, AutonomousSystemNumber AS asn, UserAgent AS ua,
         CAST(CreatedDateTime AS TIMESTAMPTZ) AS t
  FROM read_json(${signins}, format = 'newline_delimited', ignore_errors = true,
       columns = {UserPrincipalName: 'VARCHAR', SessionId: 'VARCHAR', IPAddress: 'VARCHAR',
                  AutonomousSystemNumber: 'VARCHAR', UserAgent: 'VARCHAR', CreatedDateTime: 'VARCHAR', ResultType: 'VARCHAR'})
  WHERE ResultType = '0' AND SessionId IS NOT NULL AND SessionId <> ''
)
SELECT a.upn, a.sid, min(a.t) AS first_use, min(b.t) AS replay, any_value(a.ip) AS ip1, any_value(b.ip) AS ip2
FROM s a JOIN s b
  ON a.sid = b.sid AND a.asn <> b.asn AND a.ua <> b.ua
 AND b.t > a.t AND b.t <= a.t + INTERVAL 60 MINUTE
GROUP BY a.upn, a.sid
