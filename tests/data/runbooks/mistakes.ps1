# Mistakes a rehearsal finds (docs/runbook.md, "Errors"). PowerShell would run this script and
# each of these lines would fail; drsim rehearses them as failures and `drsim validate
# --runbook` lists them without running anything.
# drsim: start at detect+15m
Invoke-CsManagementServerFailover -BackupSqlServerFqdn sql02.contoso.com
Invoke-CsPoolFailover -PoolFdqn pool01.contoso.com -DisasterMode
Invoke-CsPoolFailover -PoolFqdn pool03.contoso.com -DisasterMode
Get-CsPoolFailoverStatus -PoolFqdn pool01.contoso.com
Invoke-CsPoolFailover -PoolFqdn $pool -DisasterMode
Invoke-CsDatabaseFailover -PoolFqdn pool02.contoso.com -NewPrincipal Mirror
