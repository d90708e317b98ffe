// The Persistent Chat failover and failback as runbook steps (sfb-hadr 5.1; D-PCMAN): the SQL
// steps on the log-shipping secondary, Set-CsPersistentChatState -PoolState FailedOver,
// Install-CsMirrorDatabase, Set-CsPersistentChatActiveServer -Swap, and failback's restore
// over the primary with -PoolState Normal. Each checks what the procedure assumes and takes
// its named duration (docs/model.md); model_runbook.cpp runs them like every other cmdlet.
#include <algorithm>

#include "sim/check.h"
#include "sim/model/model.h"

namespace drsim {

std::string Model::pchat_precondition(const scenario::RunbookStep& st) const {
  const int k = pchat_index(st.pool_fqdn());
  DRSIM_CHECK(k >= 0, "a Persistent Chat step names no Persistent Chat pool (validated)");
  const PersistentChatInfo& info = topology_.persistent_chat()[static_cast<size_t>(k)];
  const PersistentChatState& s = pchat_[static_cast<size_t>(k)];
  const std::string& pool = st.pool_fqdn();
  auto name = [&](int c) { return topology_.component(c).name; };
  const char* cms =
      "Set-CsPersistentChat* writes to the Central Management Store, which is "
      "unavailable.";
  switch (st.cmdlet()) {
    case scenario::RESTORE_PERSISTENT_CHAT_SECONDARY:
      if (info.secondary_sql < 0)
        return "Persistent Chat pool " + pool + " has no log-shipping secondary database.";
      if (s.secondary_restored || s.failed_over)
        return "The secondary database of " + pool + " is already restored with recovery.";
      if (!is_up(info.secondary_sql))
        return "The secondary database " + name(info.secondary_sql) + " is not reachable.";
      // D-PCMAN's failover assumes the primary database, its mirror and the Front End are down.
      if (is_up(pchat_db(k)))
        return "The database " + name(pchat_db(k)) + " of " + pool +
               " still runs: the documented failover assumes the primary database and its mirror "
               "are down (D-PCMAN).";
      return "";
    case scenario::SET_CS_PERSISTENT_CHAT_STATE_FAILED_OVER:
      if (s.failed_over) return "Persistent Chat pool " + pool + " is already FailedOver.";
      if (!s.secondary_restored)
        return "The secondary database of " + pool +
               " is not restored with recovery: run the log-shipping steps first (D-PCMAN).";
      if (!cms_available()) return cms;
      if (!is_up(info.secondary_sql))
        return "The secondary database " + name(info.secondary_sql) + " is not reachable.";
      return "";
    case scenario::INSTALL_CS_MIRROR_DATABASE:
      if (!s.failed_over)
        return "Persistent Chat pool " + pool +
               " is not FailedOver: the new primary for the mirror is its secondary database.";
      if (!is_up(info.secondary_sql))
        return "The new primary " + name(info.secondary_sql) + " is not reachable.";
      if (!cms_available()) return cms;
      return "";
    case scenario::SET_CS_PERSISTENT_CHAT_ACTIVE_SERVER: {
      if (!cms_available()) return cms;
      const std::vector<int>& next = s.standby_active ? info.active : info.standby;
      if (next.empty()) return "Persistent Chat pool " + pool + " has no servers to swap in.";
      if (!std::any_of(next.begin(), next.end(), [&](int c) { return is_up(c); }))
        return "No server of the list -Swap makes active in " + pool + " runs.";
      return "";
    }
    case scenario::SET_CS_PERSISTENT_CHAT_STATE_NORMAL:
      if (!s.failed_over) return "Persistent Chat pool " + pool + " is not FailedOver.";
      if (!is_up(info.primary_sql))
        return "The primary database " + name(info.primary_sql) +
               " is not reachable: it must be rebuilt before failback (D-PCMAN).";
      if (!is_up(info.secondary_sql))
        return "The secondary database " + name(info.secondary_sql) +
               " is not reachable: failback restores its full backup over the primary.";
      if (!cms_available()) return cms;
      return "";
    default:
      DRSIM_CHECK(false, "not a Persistent Chat cmdlet");
  }
  return "";
}

Duration Model::pchat_duration(const scenario::RunbookStep& st) const {
  switch (st.cmdlet()) {
    case scenario::RESTORE_PERSISTENT_CHAT_SECONDARY:
      return Duration::seconds(params().persistent_chat_restore_s());
    case scenario::SET_CS_PERSISTENT_CHAT_STATE_FAILED_OVER:
      return Duration::seconds(params().persistent_chat_state_change_s());
    case scenario::INSTALL_CS_MIRROR_DATABASE:
    case scenario::SET_CS_PERSISTENT_CHAT_ACTIVE_SERVER:
      return Duration::seconds(params().persistent_chat_server_change_s());
    // Failback: a full backup of the secondary restored over the primary, then the state.
    case scenario::SET_CS_PERSISTENT_CHAT_STATE_NORMAL:
      return Duration::seconds(params().persistent_chat_restore_s() +
                               params().persistent_chat_state_change_s());
    default:
      DRSIM_CHECK(false, "not a Persistent Chat cmdlet");
  }
  return Duration::zero();
}

void Model::pchat_begin_effects(Engine&, const scenario::RunbookStep& st) {
  // Failback clears the active server list first, which "stops all Persistent Chat Servers
  // from connecting" to the databases (D-PCMAN): no chat until the pool is Normal again.
  if (st.cmdlet() == scenario::SET_CS_PERSISTENT_CHAT_STATE_NORMAL)
    pchat_[static_cast<size_t>(pchat_index(st.pool_fqdn()))].switching = true;
}

void Model::pchat_end_effects(Engine& e, const scenario::RunbookStep& st) {
  const int k = pchat_index(st.pool_fqdn());
  PersistentChatState& s = pchat_[static_cast<size_t>(k)];
  const Instant now = e.now();
  switch (st.cmdlet()) {
    case scenario::RESTORE_PERSISTENT_CHAT_SECONDARY: {
      // The secondary holds the messages up to the last log backup copied before the primary
      // stopped writing; those posted after it are lost (D-PCMAN), and the compliance
      // database is not failed over.
      s.secondary_restored = true;
      double lost = 0;
      Duration window = Duration::zero();
      if (s.stopped_writing_at != Instant::never() && s.stopped_writing_at > s.shipped_until) {
        lost = pchat_posted_at(k, s.stopped_writing_at) - pchat_posted_at(k, s.shipped_until);
        window = s.stopped_writing_at - s.shipped_until;
      }
      if (s.outcome >= 0) {
        PersistentChatOutcome& o = pchat_outcome(k);
        o.failed_over = true;
        o.messages_lost += lost;
        o.loss_window = std::max(o.loss_window, window);
      }
      if (log_->enabled())
        log_->append(now, "pchat.failover", st.pool_fqdn())
            .d("messages_lost", lost)
            .secs("loss_window_s", window)
            .d("shipped_until_s", s.shipped_until.seconds_f())
            .s("compliance", "not failed over");
      break;
    }
    case scenario::SET_CS_PERSISTENT_CHAT_STATE_FAILED_OVER:
      s.failed_over = true;
      break;
    case scenario::SET_CS_PERSISTENT_CHAT_ACTIVE_SERVER:
      s.standby_active = !s.standby_active;
      break;
    case scenario::SET_CS_PERSISTENT_CHAT_STATE_NORMAL:
      // Log shipping is re-established from a database restored from the secondary's full
      // backup: the secondary holds everything again.
      s.failed_over = s.secondary_restored = s.on_mirror = s.switching = false;
      s.shipped_until = s.writing_since = now;
      s.stopped_writing_at = Instant::never();
      s.history.assign(1, PersistentChatState::Point{now, 0, 0});
      break;
    default:
      break;  // Install-CsMirrorDatabase: the secondary's mirror is not modelled
  }
}

}  // namespace drsim
