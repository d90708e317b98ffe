# Try the pool failover; if it refuses because the CMS is down, fail the CMS over and retry.
# drsim: start at detect+15m
$pool = "pool01.contoso.com"
try {
    Invoke-CsPoolFailover -PoolFqdn $pool -DisasterMode -Confirm:$false -ErrorAction Stop
}
catch {
    Write-Host "Pool failover failed: $($_.Exception.Message)"
    Write-Host "Failing over the CMS first, then retrying"
    Invoke-CsManagementServerFailover -BackupSqlServerFqdn sql02.contoso.com -Force -Confirm:$false
    Invoke-CsPoolFailover -PoolFqdn $pool -DisasterMode -Confirm:$false
}
finally {
    Write-Host "Pool failover attempt finished"
}
