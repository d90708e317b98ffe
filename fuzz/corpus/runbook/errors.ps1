Get-Foo
Start-Sleep 1 ; Start-Sleep 2
Invoke-CsPoolFailover
Get-CsPoolBackupRelationship -PoolFqdn pool01.contoso.com | Format-List
if ($x) { Start-Sleep 1 }
Start-Sleep -Seconds $(1+1)
Invoke-CsPoolFailover -PoolFqdn pool03.contoso.com -DisasterMode
Start-Sleep -Seconds soon
# drsim: start at lunch
