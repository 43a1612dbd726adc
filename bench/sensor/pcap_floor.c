// SPDX-License-Identifier: Apache-2.0
// The read floor of bench/sensor/sensor_bench.sh: reads pcap/pcapng files
// with libpcap, as the sensor does (pcap_open_offline, pcap_next_ex), and
// does nothing with the packets but count them, add up their lengths (wire
// length, as the sensor's byte counter, and captured length) and one byte of
// each, so that the data is touched.
// Prints "PACKETS packets, WIRE bytes, CAPTURED captured (CHECK)".
// Build: cc -O2 -o pcap_floor pcap_floor.c -lpcap
#include <pcap/pcap.h>
#include <stdio.h>

int main(int argc, char** argv) {
  unsigned long long packets = 0, bytes = 0, captured = 0, check = 0;
  char err[PCAP_ERRBUF_SIZE];
  int rc = 0;
  for (int i = 1; i < argc; ++i) {
    pcap_t* p = pcap_open_offline(argv[i], err);
    if (p == NULL) {
      fprintf(stderr, "pcap_floor: %s\n", err);
      rc = 2;
      continue;
    }
    struct pcap_pkthdr* h;
    const u_char* data;
    int r;
    while ((r = pcap_next_ex(p, &h, &data)) == 1) {
      ++packets;
      bytes += h->len;
      captured += h->caplen;
      if (h->caplen > 0) check += data[h->caplen - 1];
    }
    if (r == PCAP_ERROR) fprintf(stderr, "pcap_floor: %s: %s\n", argv[i], pcap_geterr(p));
    pcap_close(p);
  }
  printf("%llu packets, %llu bytes, %llu captured (%llu)\n", packets, bytes, captured, check);
  return rc;
}
