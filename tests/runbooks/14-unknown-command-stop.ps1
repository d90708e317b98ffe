# The same typo under $ErrorActionPreference = 'Stop': the script ends at it, before the pool
# failover, and the admin has to step in.
# drsim: start at detect+15m
$ErrorActionPreference = 'Stop'
Invoke-CsManagementServerFailover -BackupSqlServerFqdn sql02.contoso.com -Force -Confirm:$false
Get-CsPoolFailoverStatus -PoolFqdn pool01.contoso.com
Invoke-CsPoolFailover -PoolFqdn pool01.contoso.com -DisasterMode -Confirm:$false
