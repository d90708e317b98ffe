// The deployment's structure as a report draws it: sites, the WAN links between them, pools
// with their Front End and Back End SQL servers, pairing, Edge pools and the CMS.
//
// The event-log header does not carry the topology, so there are two sources. The scenario is
// exact and complete (`drsim run --report`, `drsim report --scenario`). Without it the
// topology is inferred from the log's subjects and records, which only name what changed
// state: servers that never failed are missing and some placements are guesses. Reports say
// which source they used (`from_scenario`).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "log/log_file.h"
#include "proto/scenario.pb.h"

namespace drsim {

struct TopologyServer {
  std::string fqdn;
  // "front_end", or a SQL role: "primary", "mirror", "witness", "file_share_witness",
  // "shared_storage", or "sql_server" when the log does not say.
  std::string role;
  std::string site;
};

struct TopologyPool {
  std::string fqdn;
  std::string site;         // empty when the log does not say
  std::string backup_pool;  // the paired pool, or empty
  std::string ha_mode;      // the Back End's HA mode ("ALWAYSON_AVAILABILITY_GROUP"), or empty
  int64_t users = 0;
  int routing_groups = 0;  // from the scenario; from a log, the groups it names
  std::vector<TopologyServer> front_ends;
  std::vector<TopologyServer> back_end;
};

struct TopologyLink {
  std::string name;
  std::string site_a, site_b;  // empty when unknown
  double bandwidth_mbps = 0;   // 0 when unknown
  double latency_ms = 0;
};

struct TopologyEdgePool {
  std::string fqdn;
  std::string site;
  std::string next_hop_pool;
};

// A Director pool, file store or Office Web Apps farm in a site (scenario only: the log does
// not place them), drawn as a labelled box beside the Edge pools.
struct TopologyRoleBox {
  std::string site;
  std::string label;  // "Director dir1 (2 servers)", "File store fs1 (2 DFS members)", ...
};

struct ReportTopology {
  bool from_scenario = false;
  std::vector<std::string> sites;
  std::vector<TopologyLink> links;
  std::vector<TopologyPool> pools;
  std::vector<TopologyEdgePool> edge_pools;
  std::vector<TopologyRoleBox> role_boxes;
  std::string cms_pool;  // where the CMS master starts, or empty
  // Log only: SQL servers seen failing whose pool the log does not name.
  std::vector<TopologyServer> unplaced_servers;
};

ReportTopology topology_from_scenario(const scenario::Scenario& scenario);
ReportTopology topology_from_log(const LogFile& log);

// nullptr when the pool is unknown.
const TopologyPool* find_pool(const ReportTopology& topology, std::string_view fqdn);

// The name of routing group `index` of a pool, as the model's log subjects spell it.
std::string routing_group_subject(std::string_view pool_fqdn, int index);

// Users of one routing group: the pool's users split evenly, the first groups taking one more
// each for the remainder (the model's split, sim/model/model_fabric.cpp).
int64_t routing_group_users(const TopologyPool& pool, int index);

}  // namespace drsim
