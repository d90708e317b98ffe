# Broken: the pool failover first, under Stop. It fails (the CMS is down) and ends the script.
# drsim: start at detect+15m
$ErrorActionPreference = 'Stop'
Invoke-CsPoolFailover -PoolFqdn pool01.contoso.com -DisasterMode -Confirm:$false
Invoke-CsManagementServerFailover -BackupSqlServerFqdn sql02.contoso.com -Force -Confirm:$false
