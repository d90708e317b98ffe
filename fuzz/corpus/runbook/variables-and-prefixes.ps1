# drsim: start at detect+15m
$pool = "pool01.contoso.com"
$ErrorActionPreference = 'Stop'
Set-CsEdgeServer -Identity "EdgeServer:edge01.contoso.com" `
    -Registrar "Registrar:pool02.contoso.com"
Start-Sleep -Seconds 300
Start-Sleep -s 5
Start-Sleep 7
Start-Sleep -Milliseconds 1500
Invoke-CsPoolFailover -Pool $pool -Disaster -Verbose -ErrorAction Stop  # prefixes
Get-CsBackupServiceStatus -PoolFqdn "pool02.contoso.com" -Category userdata
