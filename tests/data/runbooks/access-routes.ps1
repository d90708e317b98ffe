# access-site-loss: the CMS, the pool, then the routes outside, with Set-CsSite (issue 17).
Invoke-CsManagementServerFailover -BackupSqlServerFqdn sql2a.contoso.com -Force
Invoke-CsPoolFailover -PoolFqdn pool1.contoso.com -DisasterMode
Set-CsSite -Identity site:dc2 -FederationRoute EdgeServer:edge2.contoso.com
Set-CsSite -Identity site:dc2 -XmppFederationRoute EdgeServer:edge2.contoso.com
Set-CsSite -Identity site:dc2 -XmppFederationRoute EdgeServer:edge9.contoso.com
