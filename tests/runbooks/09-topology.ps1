# After the CMS moves, the team re-publishes the topology and checks the pool's fabric.
# drsim: start at detect+15m
$ErrorActionPreference = 'Stop'
Invoke-CsManagementServerFailover -BackupSqlServerFqdn sql02.contoso.com -Force -Confirm:$false
Enable-CsTopology -Verbose
Invoke-CsPoolFailover -PoolFqdn pool01.contoso.com -DisasterMode -Confirm:$false
Get-CsPoolFabricState -PoolFqdn pool02.contoso.com | Format-List
Get-CsService -Registrar | Where-Object { $_.PoolFqdn -eq 'pool02.contoso.com' } | Format-Table Identity, SiteId
