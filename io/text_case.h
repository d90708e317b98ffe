// Case folding for the names the product compares without regard to case (FQDNs, cmdlet and
// parameter names, PowerShell keywords and operators): ASCII only, as Windows and PowerShell
// fold these. One definition for the topology importer and the runbook interpreter.
#pragma once

#include <cctype>
#include <string>
#include <string_view>

namespace drsim {

inline std::string ascii_lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

inline bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

}  // namespace drsim
