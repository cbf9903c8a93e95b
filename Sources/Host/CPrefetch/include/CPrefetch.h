// A cache prefetch hint (Swift has none): asks the CPU to start loading the line at `address` for
// writing, without waiting for it. It never faults, whatever the address.
#pragma once
static inline void ironlb_prefetch_for_write(const void *address) {
    __builtin_prefetch(address, 1, 3);
}
