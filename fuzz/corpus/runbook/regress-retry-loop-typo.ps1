# A retry loop around the pool failover, written before anyone knew the CMS had to go first:
# the second attempt fails over the CMS before trying again.
dodrsim: start at detect+15m
$attempt = 0
$done = $false
do {
    $attmept++
    try {
        Write-Host "Attempt $attempt"
        Invoke-CsPoolFailover -PoolFqdn pool01.contoso.com -DisasterMode -Confirm:$false -ErrorAction Stop
        $done = $true
    }
    catch {
        Write-Warning "Attempt $attempt failed: $_"
        if ($attempt -eq 1) {
            Invoke-CsManagementServerFailover -BackupSqlServerFqdn sql02.contoso.com -Force -Confirm:$false
        }
        Start-Sleep -Seconds 30
    }
} until ($done -or $attempt -ge 3)
Write-Host "Pool failover done after $attempt attempt(s): $done"
