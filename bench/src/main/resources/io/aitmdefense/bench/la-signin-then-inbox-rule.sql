-- Sign-in → inbox rule in SQL over Log Analytics exports: a successful sign-in (SigninLogs or
-- AADNonInteractiveUserSignInLogs) from a hosting ASN followed within 60 minutes by a New-InboxRule, Set-InboxRule
-- or UpdateInboxRules of the same user from the same IP in OfficeActivity. OfficeActivity's ClientIP carries a
-- port for IPv4 ("5.161.12.221:34512") and may be a bare IPv6 address (whose last group must not be taken for a
-- port) or a bracketed one with a port; its time is TimeGenerated (Log Analytics has no CreationTime column).
-- ${signins} and ${ual} are globs or lists of files.
WITH s AS (
  SELECT lower(UserPrincipalName) AS upn, IPAddress AS ip, CAST(CreatedDateTime AS TIMESTAMPTZ) AS t
  FROM read_json(${signins}, format = 'newline_delimited', ignore_errors = true,
       columns = {UserPrincipalName: 'VARCHAR', IPAddress: 'VARCHAR', AutonomousSystemNumber: 'VARCHAR',
                  CreatedDateTime: 'VARCHAR', ResultType: 'VARCHAR'})
  WHERE ResultType = '0' AND AutonomousSystemNumber IN (${hostingAsns})
), r AS (
  SELECT lower(UserId) AS upn,
         regexp_replace(regexp_replace(ClientIP, '^([0-9.]+):[0-9]+$', '\1'), '^\[(.*)\]:[0-9]+$', '\1') AS ip,
         CAST(TimeGenerated AS TIMESTAMPTZ) AS t, Operation AS op
  FROM read_json(${ual}, format = 'newline_delimited', ignore_errors = true,
       columns = {UserId: 'VARCHAR', ClientIP: 'VARCHAR', TimeGenerated: 'VARCHAR', Operation: 'VARCHAR'})
  WHERE Operation IN ('New-InboxRule', 'Set-InboxRule', 'UpdateInboxRules')
)
SELECT s.upn, min(s.t) AS signin, min(r.t) AS rule_time, any_value(s.ip) AS ip
FROM s JOIN r ON s.upn = r.upn AND s.ip = r.ip AND r.t >= s.t AND r.t <= s.t + INTERVAL 60 MINUTE
GROUP BY s.upn
