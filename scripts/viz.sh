#!/usr/bin/env bash
# The one command to start the visualiser: installs what is missing, builds, and opens
# drsim-viz on the default scenario, or on the files and options given (as drsim-viz takes
# them, paths relative to where you run this).
#
# Without a display (no DISPLAY or WAYLAND_DISPLAY) it says so, renders the view under
# xvfb-run with --screenshot and prints the picture's path instead.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/setup.sh"
cmake -S "$root" -B "$root/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$root/build" -j "$(nproc)"
viz="$root/build/viz/drsim-viz"
if [[ ! -x "$viz" ]]; then
  echo "viz.sh: drsim-viz was not built (GLFW, OpenGL, Dear ImGui or stb missing: see scripts/setup.sh)" >&2
  exit 1
fi
args=("$@")
if [[ ${#args[@]} -eq 0 ]]; then
  args=("$root/scenarios/default.pb.txt")
fi
if [[ -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" ]]; then
  exec "$viz" "${args[@]}"
fi

echo "viz.sh: no display (DISPLAY is not set): rendering a screenshot under xvfb-run instead"
shot=""
for a in "${args[@]}"; do
  if [[ "$a" == --screenshot* || "$a" == --bench-prepare ]]; then shot="given"; fi
done
if [[ -z "$shot" ]]; then
  mkdir -p "$root/drsim-out"
  shot="$root/drsim-out/viz.png"
  args+=(--screenshot "$shot")
fi
xvfb-run -a -s '-screen 0 1600x1000x24' "$viz" "${args[@]}"
if [[ "$shot" != "given" ]]; then
  echo "viz.sh: the picture is $shot"
fi
