// Analytic cross-check: continuous-time Markov chains of a pool's Front End servers (with
// the functional and first-start quorum thresholds, seed servers and the hysteresis between
// them) and of its Back End, solved for their steady state with Eigen.
//
// Valid when failures and repairs are exponential and each server is repaired on its own
// (independent repair crews); the sweep reports the analytic availability beside the Monte
// Carlo estimate and warns when it falls outside the estimate's interval.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "proto/scenario.pb.h"

namespace drsim {

// Steady-state distribution of a CTMC with generator Q (rows sum to zero).
Eigen::VectorXd ctmc_steady_state(const Eigen::MatrixXd& q);

// P(at least k of n independent components up), each up with probability a.
double k_of_n_availability(int k, int n, double a);

// Fraction of time a pool of n Front Ends holds Windows Fabric quorum, each failing at rate
// lambda and repaired at rate mu on its own. Tracks seed and other servers separately
// and the running/stopped state (stopped below the functional count, started again at the
// first-start count, or, with `restart_at_functional` (the model's GROUPS_IN_QUORUM_LOSS
// reading of a restart below first-start), at the functional count: no hysteresis).
double pool_running_availability(int n, double lambda, double mu,
                                 bool restart_at_functional = false);

// The same chain's quorum losses: the fraction of time stopped, and the rate (per second) of
// transitions from running to stopped. The rare-event estimator is checked against these.
struct PoolQuorumLoss {
  double unavailability = 0;
  double losses_per_s = 0;
};
PoolQuorumLoss pool_quorum_loss(int n, double lambda, double mu,
                                bool restart_at_functional = false);

// An event over m independent components (m <= 12), each failing at lambda[i] (0: never) and
// repaired at mu[i]: the chain over the 2^m up masks (bit i set: component i up), with
// down[mask] = 1 marking the masks in the event (a Back End down with instantaneous automatic
// failover, whose rule depends on the mask alone). The fraction of time in the event and the
// rate of entries into it, solved by the same subtraction-free elimination as the pool chain.
PoolQuorumLoss independent_components_loss(const std::vector<double>& lambda,
                                           const std::vector<double>& mu,
                                           const std::vector<uint8_t>& down);

// Two independent processes down at once (the two pools of a pair): the fraction of time both
// are is U1 U2, and they enter it when either goes down while the other is: r1 U2 + r2 U1.
PoolQuorumLoss both_down(const PoolQuorumLoss& a, const PoolQuorumLoss& b);

// P(the pool, all servers up and running at time 0, first loses quorum before horizon_s):
// the chain with quorum loss made absorbing, by the matrix exponential. The splitting
// estimator (experiments/rare_split.h) is checked against it.
double pool_loss_within(int n, double lambda, double mu, double horizon_s);

// Fraction of time the Back End is available for an HA mode, with exponential failures and
// repairs of its servers (witnesses and storage with their own rates) and instantaneous
// automatic failover. A cluster without a file-share witness keeps quorum down to its last
// node only with `cluster_dynamic_quorum` (parameters.cluster_dynamic_quorum), else it needs
// a majority of its nodes, as the model's rule.
double back_end_availability(const scenario::BackEnd& be, double server_lambda, double server_mu,
                             double witness_lambda, double witness_mu, double storage_lambda,
                             double storage_mu, bool cluster_dynamic_quorum);

struct AnalyticCheck {
  std::string what;  // "pool1.contoso.com fabric running"
  double analytic = 0;
  double mc_mean = 0;
  double mc_ci95 = 0;
  bool inside() const;  // analytic within mean +- max(ci95, 1e-12)
};

// The checks that apply to a scenario (exponential failure models only), against a sweep.
struct SweepAccumulator;
std::vector<AnalyticCheck> analytic_checks(const scenario::Scenario& s, const SweepAccumulator& a);

}  // namespace drsim
