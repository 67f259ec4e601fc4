// The load generator of bench/udp-ingest: sends datagrams from a file at a paced rate, with sendmmsg, so that
// the generator takes little of the CPU it shares with the server it measures (a Node sender needs about a core for
// 200k datagrams/s on this 2-core machine). The file holds the datagrams, each as a 2-byte little-endian length and
// the bytes. Usage: udp-sender PORT FILE RATE:COUNT [RATE:COUNT…]; one phase at a time, each started by a line on
// stdin; prints one JSON line per phase.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define BATCH 64

static double now_s(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: %s PORT FILE RATE:COUNT...\n", argv[0]);
    return 2;
  }
  FILE *f = fopen(argv[2], "rb");
  if (!f) {
    perror(argv[2]);
    return 1;
  }
  struct stat st;
  fstat(fileno(f), &st);
  unsigned char *data = malloc((size_t)st.st_size);
  if (fread(data, 1, (size_t)st.st_size, f) != (size_t)st.st_size) {
    perror("read");
    return 1;
  }
  fclose(f);

  int fd = socket(AF_INET, SOCK_DGRAM, 0);
  struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(argv[1]))};
  inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
  if (connect(fd, (struct sockaddr *)&to, sizeof to) != 0) {
    perror("connect");
    return 1;
  }

  size_t offset = 0;
  char line[64];
  for (int p = 3; p < argc; p++) {
    double rate;
    long count;
    if (sscanf(argv[p], "%lf:%ld", &rate, &count) != 2) {
      fprintf(stderr, "phase %s: expected RATE:COUNT\n", argv[p]);
      return 2;
    }
    if (!fgets(line, sizeof line, stdin)) return 0;
    long sent = 0, errors = 0;
    double start = now_s();
    struct mmsghdr msgs[BATCH];
    struct iovec iovs[BATCH];
    while (sent < count) {
      long due = (long)((now_s() - start) * rate);
      if (due > count) due = count;
      if (due <= sent) {
        struct timespec pause = {0, 20000};
        nanosleep(&pause, NULL);
        continue;
      }
      while (sent < due) {
        int n = 0;
        size_t at = offset;
        for (; n < BATCH && sent + n < due; n++) {
          uint16_t len = (uint16_t)(data[at] | data[at + 1] << 8);
          iovs[n].iov_base = data + at + 2;
          iovs[n].iov_len = len;
          memset(&msgs[n].msg_hdr, 0, sizeof msgs[n].msg_hdr);
          msgs[n].msg_hdr.msg_iov = &iovs[n];
          msgs[n].msg_hdr.msg_iovlen = 1;
          at += 2 + len;
        }
        int done = sendmmsg(fd, msgs, (unsigned)n, 0);
        if (done < 0) {
          // A refused send (ECONNREFUSED after an ICMP error, a full send buffer) counts, and the datagram moves on.
          errors++;
          done = 1;
        }
        for (int i = 0; i < done; i++) offset += 2 + iovs[i].iov_len;
        sent += done;
      }
    }
    double seconds = now_s() - start;
    printf("{\"rate\":%.0f,\"sent\":%ld,\"errors\":%ld,\"seconds\":%.6f,\"achieved\":%.1f}\n", rate, sent, errors, seconds, (double)sent / seconds);
    fflush(stdout);
  }
  return 0;
}
