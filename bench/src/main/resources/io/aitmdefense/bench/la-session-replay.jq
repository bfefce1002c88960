# Session-replay grouping in jq over Log Analytics sign-in exports (SigninLogs and AADNonInteractiveUserSignInLogs
# NDJSON; run with jq -n -c -f THIS FILES...). Keeps, per Entra session, the networks (ASN, with the first time
# seen) and the clients of its successful sign-ins, and prints the sessions used from more than one network with
# more than one client. It groups only: unlike the SQL query and aitm it applies no 60-minute window, because that
# would need every session's sign-ins held and sorted, which jq can only do by slurping the whole input.
# Written without |= and //=: in jq 1.6 those copy the whole accumulated object on every row, which made an
# earlier version of this program quadratic (over 8 CPU-minutes at 300k sign-ins instead of 24 s).
reduce (inputs | select(.ResultType == "0" and (.SessionId // "") != "")) as $r ({};
  if .[$r.SessionId] == null then .[$r.SessionId] = {upn: $r.UserPrincipalName, asn: {}, ua: {}} else . end
  | if .[$r.SessionId].asn[$r.AutonomousSystemNumber] == null
    then .[$r.SessionId].asn[$r.AutonomousSystemNumber] = $r.CreatedDateTime else . end
  | .[$r.SessionId].ua[$r.UserAgent] = true)
| to_entries[]
| select((.value.asn | length) > 1 and (.value.ua | length) > 1)
| {sid: .key, upn: .value.upn, asns: .value.asn}
