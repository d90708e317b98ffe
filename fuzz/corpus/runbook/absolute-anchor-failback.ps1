# drsim: start at day 2 08:30
Start-Sleep 10
Get-CsPoolBackupRelationship -PoolFqdn pool01.contoso.com
Invoke-CsPoolFailback -PoolFqdn POOL01.Contoso.com
Write-Host "failback done"
