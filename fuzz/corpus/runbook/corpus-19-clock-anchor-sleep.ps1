# The on-call admin starts at 10:40 sharp after the bridge call, waits two minutes for the
# DBA to confirm sql02 is healthy, and times the whole procedure with Get-Date.
# drsim: start at 10:40
$start = Get-Date
Start-Sleep -Seconds 120
Invoke-CsManagementServerFailover -BackupSqlServerFqdn sql02.contoso.com -Force -Confirm:$false
Invoke-CsPoolFailover -PoolFqdn pool01.contoso.com -DisasterMode -Confirm:$false
$elapsed = (Get-Date) - $start
Write-Host ("Procedure took {0:N0} minutes" -f $elapsed.TotalMinutes)
