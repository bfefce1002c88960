-- Sign-in → inbox rule in SQL: a successful sign-in from a hosting ASN followed within 60 minutes by a
-- New-InboxRule/Set-InboxRule of the same user from the same IP (unified audit log, Management Activity API NDJSON).
WITH s AS (
  SELECT lower(UserPrincipalName) AS upn, IPAddress AS ip, CAST(CreatedDateTime AS TIMESTAMPTZ) AS t
  FROM read_json('${signins}', format = 'newline_delimited', ignore_errors = true,
       columns = {UserPrincipalName: 'VARCHAR', IPAddress: 'VARCHAR', AutonomousSystemNumber: 'VARCHAR',
                  CreatedDateTime: 'VARCHAR', ResultType: 'VARCHAR'})
  WHERE ResultType = '0' AND AutonomousSystemNumber IN (${hostingAsns})
), r AS (
  SELECT lower(UserId) AS upn, regexp_replace(regexp_replace(ClientIP, '^([0-9.]+):[0-9]+$', '\1'), '^\[(.*)\]:[0-9]+$', '\1') AS ip, CAST(CreationTime || 'Z' AS TIMESTAMPTZ) AS t,
         Operation AS op
  FROM read_json('${ual}', format = 'newline_delimited', ignore_errors = true,
       columns = {UserId: 'VARCHAR', ClientIP: 'VARCHAR', CreationTime: 'VARCHAR', Operation: 'VARCHAR'})
  WHERE Operation IN ('New-InboxRule', 'Set-InboxRule', 'UpdateInboxRules')
)
SELECT s.upn, min(s.t) AS signin, min(r.t) AS rule_time, any_value(s.ip) AS ip
FROM s JOIN r ON s.upn = r.upn AND s.ip = r.ip AND r.t >= s.t AND r.t <= s.t + INTERVAL 60 MINUTE
GROUP BY s.upn
