# Fail over every pool of the lost site, from a list.
# drsim: start at detect+15m
$ErrorActionPreference = 'Stop'
$lostPools = @('pool01.contoso.com')
Invoke-CsManagementServerFailover -BackupSqlServerFqdn sql02.contoso.com -Force -Confirm:$false
foreach ($p in $lostPools) {
    $backup = (Get-CsPoolBackupRelationship -PoolFqdn $p).BackupPoolFqdn
    Write-Host "$p -> $backup"
    Invoke-CsPoolFailover -PoolFqdn $p -DisasterMode -Confirm:$false
}
Write-Host "Failed over $($lostPools.Count) pool(s)"
