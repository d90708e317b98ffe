# Broken: a missing closing brace. PowerShell refuses to run any of it.
# drsim: start at detect+15m
if ($true) {
    Invoke-CsManagementServerFailover -BackupSqlServerFqdn sql02.contoso.com -Force
Invoke-CsPoolFailover -PoolFqdn pool01.contoso.com -DisasterMode
