# drsim: start at decide+1h30m
Start-CsPool pool01.contoso.com -QuorumLossRecovery
Invoke-CsBackupServiceSync -PoolFqdn pool02.contoso.com
Invoke-CsDatabaseFailover -PoolFqdn pool01.contoso.com -DatabaseType User -NewPrincipal mirror -Verbose
Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus
