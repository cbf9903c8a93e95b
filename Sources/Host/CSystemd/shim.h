// libsystemd's service-manager notification API (sd_notify(3), sd_watchdog_enabled(3)).
// Journal records are written by IronLB itself (see JournalSocket.swift for why).
#include <systemd/sd-daemon.h>
