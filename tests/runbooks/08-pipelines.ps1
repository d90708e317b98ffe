# Checks before and after, formatted the way the team pastes them into the incident ticket.
# drsim: start at detect+15m
Get-CsPool | Select-Object Identity, Site | Sort-Object Identity | Format-Table
Invoke-CsManagementServerFailover -BackupSqlServerFqdn sql02.contoso.com -Force -Confirm:$false | Out-Null
Invoke-CsPoolFailover -PoolFqdn pool01.contoso.com -DisasterMode -Confirm:$false
$status = Get-CsBackupServiceStatus -PoolFqdn pool02.contoso.com
$status | Select-Object PoolFqdn, BackupPoolFqdn, ExportStatus | Format-List
$status.BackupModules | Where-Object { $_.ExportStatus -ne 'FinalState' } | Format-Table Identity, ExportStatus
$bad = @($status.BackupModules | Where-Object ExportStatus -eq 'ErrorState')
Write-Output "$($bad.Count) module(s) in ErrorState"
