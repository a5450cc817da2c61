/* SPDX-License-Identifier: BSD-3-Clause
 * Tests of the codec's tables (lib/uni/codec/mcm_uni_ie.def and mcm_uni_msg.def): every IE
 * row has its own slot in struct mcm_uni_msg and its name; every message row names a known
 * IE once, within what the slot holds; every row of every message round trips alone and all
 * rows together, at the most repetitions the row allows, in table order; one repetition
 * more, or an IE without a row in the message, is refused by the encoder.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mcm_uni_codec_priv.h"
#include "uni_codec_samples.h"
#include "codec_test.h"

#define BUF 4096

/* One instance of each IE, taken from the samples (index: row of mcm_uni_ie.def). */
static uint8_t donor[64][256];
static bool have_donor[64];

static unsigned int
count_of(const struct mcm_uni_msg *m, const struct mcm_uni_ie_desc *d)
{
	const uint8_t *b = (const uint8_t *)m;

	if (d->n_off != 0)
		return b[d->n_off];
	return ((const struct mcm_uni_ie_hdr *)(b + d->off))->present ? 1 : 0;
}

/* Put @p count copies of the donor of row @p k into @p m. */
static void
fill(struct mcm_uni_msg *m, unsigned int k, unsigned int count)
{
	const struct mcm_uni_ie_desc *d = &mcm_uni_ie_descs[k];
	uint8_t *b = (uint8_t *)m;
	unsigned int i;

	for (i = 0; i < count && i < d->max; i++)
		memcpy(b + d->off + i * d->size, donor[k], d->size);
	if (d->n_off != 0)
		b[d->n_off] = (uint8_t)count;
	/* Q.2931 4.5: BLLIs repeat behind a repeat indicator (the encoder adds it) */
	if (d->id == MCM_UNI_IE_BLLI && count > 1) {
		m->blli_repeat.h.present = true;
		m->blli_repeat.indication = 2;
	}
	/* Q.2931 5.5: a RESTART of one VC needs its connection identifier */
	if (d->id == MCM_UNI_IE_RESTART && m->restart.rclass != MCM_UNI_RESTART_ALL)
		fill(m, (unsigned int)(mcm_uni_ie_desc(MCM_UNI_IE_CONNID) - mcm_uni_ie_descs), 1);
}

static void
test_ie_rows(void)
{
	unsigned int k, j, t, v, n = 0;

	CHECK(mcm_uni_ie_n_descs == 27 && mcm_uni_ie_n_descs <= 64, "%u IE rows",
	      mcm_uni_ie_n_descs);
	for (k = 0; k < mcm_uni_ie_n_descs; k++) {
		const struct mcm_uni_ie_desc *d = &mcm_uni_ie_descs[k];

		CHECK(mcm_uni_ie_desc(d->id) == d, "row of IE 0x%02x", d->id);
		CHECK(d->name != NULL && mcm_uni_ie_name(d->id) == d->name, "name of 0x%02x",
		      d->id);
		CHECK(d->max >= 1 && d->size >= sizeof(struct mcm_uni_ie_hdr) &&
		      d->size <= sizeof(donor[0]) &&
		      d->off + (size_t)d->max * d->size <= sizeof(struct mcm_uni_msg) &&
		      (d->max == 1) == (d->n_off == 0), "slot of 0x%02x", d->id);
		/* slots and counts do not overlap */
		for (j = 0; j < mcm_uni_ie_n_descs; j++) {
			const struct mcm_uni_ie_desc *e = &mcm_uni_ie_descs[j];

			if (j == k)
				continue;
			CHECK(d->off + (size_t)d->max * d->size <= e->off ||
			      e->off + (size_t)e->max * e->size <= d->off,
			      "slots of 0x%02x and 0x%02x overlap", d->id, e->id);
			CHECK(d->n_off == 0 || d->n_off < e->off ||
			      d->n_off >= e->off + (size_t)e->max * e->size,
			      "count of 0x%02x in the slot of 0x%02x", d->id, e->id);
		}
		/* a donor instance from the samples */
		for (t = 0; t < SAMPLE_N_TYPES && !have_donor[k]; t++)
			for (v = 0; v < SAMPLE_N_VARIANTS && !have_donor[k]; v++) {
				struct mcm_uni_msg m;

				sample_msg(&m, sample_types[t], (int)v);
				if (count_of(&m, d) == 0)
					continue;
				memcpy(donor[k], (uint8_t *)&m + d->off, d->size);
				have_donor[k] = true;
			}
		CHECK(have_donor[k], "no sample carries IE 0x%02x", d->id);
	}
	for (j = 0; j < 256; j++)
		if (mcm_uni_ie_desc((uint8_t)j) != NULL)
			n++;
	CHECK(n == mcm_uni_ie_n_descs, "%u identifiers with a row", n);
}

/* Encode, decode: clean, in table order, the same struct; re-encoding gives the same octets. */
static void
round_trip(const struct mcm_uni_msg *m, const char *what)
{
	static uint8_t b1[BUF], b2[BUF];
	struct mcm_uni_decode_report rep;
	struct mcm_uni_msg d;
	int n1, n2;

	n1 = mcm_uni_msg_encode(m, b1, sizeof(b1));
	CHECK(n1 >= MCM_UNI_HDR_LEN, "%s: encode %d", what, n1);
	if (n1 < MCM_UNI_HDR_LEN)
		return;
	CHECK(mcm_uni_msg_decode(b1, (size_t)n1, &d, &rep) == 0 && rep.verdict == MCM_UNI_V_OK &&
	      rep.n_problems_total == 0 && !rep.out_of_order,
	      "%s: verdict %u, %u problems (first IE 0x%02x), order %d", what, rep.verdict,
	      rep.n_problems_total, rep.n_problems ? rep.problems[0].ie : 0, rep.out_of_order);
	CHECK(memcmp(&d, m, sizeof(d)) == 0, "%s: decoded message differs", what);
	n2 = mcm_uni_msg_encode(&d, b2, sizeof(b2));
	CHECK(n2 == n1 && memcmp(b1, b2, (size_t)n1) == 0, "%s: re-encoding differs", what);
}

static void
test_msg_rows(void)
{
	unsigned int t, i, j, k, n = 0;
	char what[96];

	for (t = 0; t < 256; t++)
		n += mcm_uni_msg_desc((uint8_t)t) != NULL;
	CHECK(n == SAMPLE_N_TYPES, "%u message rows", n);
	for (t = 0; t < SAMPLE_N_TYPES; t++) {
		const struct mcm_uni_msg_desc *md = mcm_uni_msg_desc(sample_types[t]);
		const struct mcm_uni_msg_rules *r = mcm_uni_msg_rules(sample_types[t]);
		struct mcm_uni_msg all;
		uint8_t b[BUF];

		CHECK(md != NULL && r == &md->rules && r->type == sample_types[t],
		      "message 0x%02x", sample_types[t]);
		if (md == NULL)
			continue;
		CHECK(r->global_ok == (md->cref != MCM_UNI_MSGD_CREF_CALL) &&
		      md->status == (r->type != MCM_UNI_MSG_RELEASE_COMPLETE), "%s: columns",
		      r->name);
		sample_msg(&all, r->type, 0);
		for (i = 0; i < r->n_rules; i++) {
			const struct mcm_uni_ie_rule *row = &r->rules[i];
			const struct mcm_uni_ie_desc *d = mcm_uni_ie_desc(row->ie);
			struct mcm_uni_msg m;

			CHECK(d != NULL && row->max >= 1 && row->max <= d->max &&
			      row->req[0] <= MCM_UNI_IE_MANDATORY &&
			      row->req[1] <= MCM_UNI_IE_MANDATORY &&
			      (row->req[0] != MCM_UNI_IE_NOT_ALLOWED ||
			       row->req[1] != MCM_UNI_IE_NOT_ALLOWED), "%s: row %u", r->name, i);
			for (j = 0; j < i; j++)
				CHECK(r->rules[j].ie != row->ie, "%s: IE 0x%02x twice", r->name,
				      row->ie);
			if (d == NULL)
				continue;
			k = (unsigned int)(d - mcm_uni_ie_descs);
			/* the row alone, as often as it may stand */
			sample_msg(&m, r->type, 0);
			fill(&m, k, row->max);
			snprintf(what, sizeof(what), "%s + %u x %s", r->name, row->max, d->name);
			round_trip(&m, what);
			fill(&all, k, row->max);
			/* once more than the row allows, where the struct holds it */
			if (row->max < d->max) {
				fill(&m, k, row->max + 1u);
				CHECK(mcm_uni_msg_encode(&m, b, sizeof(b)) == -EINVAL,
				      "%s: %u x %s", r->name, row->max + 1u, d->name);
			}
		}
		snprintf(what, sizeof(what), "%s with every row", r->name);
		round_trip(&all, what);
		/* an IE without a row in this message */
		for (k = 0; k < mcm_uni_ie_n_descs; k++) {
			struct mcm_uni_msg m;

			if (mcm_uni_msg_ie_rule(r->type, mcm_uni_ie_descs[k].id, MCM_UNI_DIR_U2N) !=
			    MCM_UNI_IE_NOT_ALLOWED ||
			    mcm_uni_msg_ie_rule(r->type, mcm_uni_ie_descs[k].id, MCM_UNI_DIR_N2U) !=
			    MCM_UNI_IE_NOT_ALLOWED)
				continue;
			sample_msg(&m, r->type, 0);
			fill(&m, k, 1);
			CHECK(mcm_uni_msg_encode(&m, b, sizeof(b)) == -EINVAL, "%s refuses %s",
			      r->name, mcm_uni_ie_descs[k].name);
		}
	}
}

int
main(void)
{
	test_ie_rows();
	test_msg_rows();
	return test_summary();
}
