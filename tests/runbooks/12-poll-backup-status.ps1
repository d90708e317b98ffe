# After failover, wait (at most three times) for the Backup Service to report FinalState.
# drsim: start at detect+15m
Invoke-CsManagementServerFailover -BackupSqlServerFqdn sql02.contoso.com -Force -Confirm:$false
Invoke-CsPoolFailover -PoolFqdn pool01.contoso.com -DisasterMode -Confirm:$false
$tries = 0
while ((Get-CsBackupServiceStatus -PoolFqdn pool02.contoso.com).ExportStatus -ne 'FinalState' -and $tries -lt 3) {
    $tries++
    Write-Host "Backup Service not final yet (try $tries), waiting 60 s"
    Start-Sleep -Seconds 60
}
Write-Host "Stopped polling after $tries tries"
