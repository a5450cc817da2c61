/* SPDX-License-Identifier: BSD-3-Clause
 * Stand-alone driver for libFuzzer targets when the build has no libFuzzer (gcc builds).
 * It accepts the libFuzzer flags the test suite uses (-runs=N, -seed=S, -max_len=L) and
 * corpus files, runs every file once, then N inputs: random bytes or mutations of a
 * corpus file. Deterministic for a given seed, so a failure can be replayed. A target's
 * LLVMFuzzerInitialize (optional, as in libFuzzer) runs first.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

#define MAX_CORPUS 256

static uint64_t rng_state;

static uint64_t
rng_next(void)
{
	/* xorshift64*: enough for input generation */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ULL;
}

struct corpus_entry {
	uint8_t *data;
	size_t len;
};

static struct corpus_entry corpus[MAX_CORPUS];
static unsigned int corpus_len;

static void
load_file(const char *path)
{
	FILE *f;
	long sz;

	if (corpus_len == MAX_CORPUS)
		return;
	f = fopen(path, "rb");
	if (f == NULL)
		return;
	if (fseek(f, 0, SEEK_END) == 0 && (sz = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
		uint8_t *buf = malloc(sz ? (size_t)sz : 1);

		if (buf != NULL && fread(buf, 1, (size_t)sz, f) == (size_t)sz) {
			corpus[corpus_len].data = buf;
			corpus[corpus_len].len = (size_t)sz;
			corpus_len++;
		} else {
			free(buf);
		}
	}
	fclose(f);
}

static void
load_path(const char *path)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	char sub[4096];

	if (stat(path, &st) != 0) {
		fprintf(stderr, "fuzz: cannot read %s\n", path);
		exit(2);
	}
	if (!S_ISDIR(st.st_mode)) {
		load_file(path);
		return;
	}
	d = opendir(path);
	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
		load_file(sub);
	}
	closedir(d);
}

static size_t
make_input(uint8_t *buf, size_t max_len)
{
	size_t len, i, n;

	if (corpus_len == 0 || rng_next() % 4 == 0) {
		len = rng_next() % (max_len + 1);
		for (i = 0; i < len; i++)
			buf[i] = (uint8_t)rng_next();
		return len;
	}
	/* mutate a corpus entry: flip bytes, truncate or extend */
	{
		const struct corpus_entry *c = &corpus[rng_next() % corpus_len];

		len = c->len < max_len ? c->len : max_len;
		memcpy(buf, c->data, len);
		n = 1 + rng_next() % 4;
		for (i = 0; i < n && len > 0; i++)
			buf[rng_next() % len] ^= (uint8_t)(1u << (rng_next() % 8));
		switch (rng_next() % 4) {
		case 0:
			len = len ? rng_next() % len : 0;
			break;
		case 1:
			while (len < max_len && rng_next() % 8)
				buf[len++] = (uint8_t)rng_next();
			break;
		default:
			break;
		}
	}
	return len;
}

int
main(int argc, char **argv)
{
	unsigned long runs = 10000, r;
	size_t max_len = 4096, len;
	uint8_t *buf;
	int i;

	if (LLVMFuzzerInitialize != NULL && LLVMFuzzerInitialize(&argc, &argv) != 0)
		return 2;
	rng_state = 0x9e3779b97f4a7c15ULL;
	for (i = 1; i < argc; i++) {
		if (strncmp(argv[i], "-runs=", 6) == 0)
			runs = strtoul(argv[i] + 6, NULL, 0);
		else if (strncmp(argv[i], "-seed=", 6) == 0)
			rng_state ^= strtoull(argv[i] + 6, NULL, 0) * 0xff51afd7ed558ccdULL;
		else if (strncmp(argv[i], "-max_len=", 9) == 0)
			max_len = strtoul(argv[i] + 9, NULL, 0);
		else if (argv[i][0] == '-')
			continue; /* other libFuzzer flags do not apply here */
		else
			load_path(argv[i]);
	}
	if (rng_state == 0)
		rng_state = 1;
	buf = malloc(max_len ? max_len : 1);
	if (buf == NULL)
		return 2;
	for (r = 0; r < corpus_len; r++)
		LLVMFuzzerTestOneInput(corpus[r].data, corpus[r].len);
	for (r = 0; r < runs; r++) {
		len = make_input(buf, max_len);
		LLVMFuzzerTestOneInput(buf, len);
	}
	printf("fuzz: %lu corpus inputs and %lu generated inputs done\n",
	       (unsigned long)corpus_len, runs);
	for (r = 0; r < corpus_len; r++)
		free(corpus[r].data);
	free(buf);
	return 0;
}
