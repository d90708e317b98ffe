# The pchat-site-loss runbook as an admin would write it (D-PCMAN): rehearse it with
#   drsim run scenarios/pchat-site-loss.pb.txt --runbook scenarios/pchat-site-loss.ps1
# dc1 is lost with pool1, the CMS and the primary half of the Persistent Chat pool.
# drsim: start at detect+15m
Import-Module SkypeForBusiness

# Front End pool: the CMS first, then pool1's users to pool2.
Invoke-CsManagementServerFailover -BackupSqlServerFqdn sql2a.contoso.com -Force -Confirm:$false
Invoke-CsPoolFailover -PoolFqdn pool1.contoso.com -DisasterMode -Confirm:$false

# Persistent Chat (D-PCMAN): on the log-shipping secondary, stop log shipping, apply the last
# log backups and bring mgc online; then fail the pool over to it.
Invoke-Sqlcmd -ServerInstance pcsql2a.contoso.com -Query "RESTORE DATABASE mgc WITH RECOVERY"
Set-CsPersistentChatState -Identity "service:pchat.contoso.com" -PoolState FailedOver
Install-CsMirrorDatabase -SqlServerFqdn pcsql2a.contoso.com -FileShare \\pcsql2a\share -DatabaseType PersistentChat
Set-CsPersistentChatActiveServer -Identity "pchat.contoso.com" -Swap
