#!/bin/sh
# Installs the Debian packages listed in tools/deps.txt (needs root).
set -eu
here=$(dirname "$0")
packages=$(sed -e 's/#.*//' "$here/deps.txt" | tr -s ' \n' ' ')
if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: run as root (apt-get install needs it)" >&2
  exit 2
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $packages >/dev/null
