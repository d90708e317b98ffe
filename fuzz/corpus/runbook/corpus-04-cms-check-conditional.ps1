# Only fail the CMS over when it is really down (the documented check, D-FO step 3).
# drsim: start at detect+15m
$ErrorActionPreference = 'Stop'
$pool = 'pool01.contoso.com'

$cms = Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus
if (-not $cms.ActiveMasterFqdn) {
    Write-Warning "CMS unavailable: failing it over to sql02"
    Invoke-CsManagementServerFailover -BackupSqlServerFqdn sql02.contoso.com -Force -Confirm:$false
}
elseif ($cms.ActiveMasterFqdn -like '*pool02*') {
    Write-Host "CMS already in Dublin"
}
else {
    Write-Host "CMS master is $($cms.ActiveMasterFqdn)"
}

$relationship = Get-CsPoolBackupRelationship -PoolFqdn $pool
Write-Host "Failing $pool over to $($relationship.BackupPoolFqdn)"
Invoke-CsPoolFailover -PoolFqdn $pool -DisasterMode -Confirm:$false
