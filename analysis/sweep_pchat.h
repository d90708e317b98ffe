// Persistent Chat over a sweep, for people (sweep_pchat.cpp): the text lines `drsim sweep`
// prints and the table of the sweep page and the visualiser's sweep view.
#pragma once

#include <string>

#include "analysis/report_markup.h"
#include "analysis/sweep_digest.h"

namespace drsim {

// "Persistent Chat not modelled" without a Persistent Chat pool; otherwise the share of
// incidents that lost chat, chat's availability and user-hours without it per year, the time
// to restore chat and the messages lost per failover to the log-shipping secondary.
std::string sweep_pchat_text(const SweepDigest& d);
// The same as a table; "not modelled" as its empty note.
Table sweep_pchat_table(const SweepDigest& d);

}  // namespace drsim
