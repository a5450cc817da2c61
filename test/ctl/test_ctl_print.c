/* SPDX-License-Identifier: BSD-3-Clause
 * mcm-ctl printers and reply classification, fed with JSON replies shaped as doc/telemetry.md
 * specifies them: exact human output, --json output, error and null replies.
 */
#include "ctl.h"
#include "ctl_test.h"

typedef int (*printer_t)(FILE *f, const json_t *r, char *err, size_t len);

/* Run a printer on a JSON text; returns its output (malloc'd) and its return code. */
static char *
print_with(printer_t p, const char *json, int *rc, char *err)
{
	json_error_t jerr;
	json_t *v = json_loads(json, JSON_DECODE_ANY, &jerr);
	char *text = NULL;
	size_t n = 0;
	FILE *f;

	if (v == NULL) {
		printf("bad test JSON: %s: %s\n", json, jerr.text);
		*rc = -99;
		return strdup("");
	}
	f = open_memstream(&text, &n);
	err[0] = '\0';
	*rc = p(f, v, err, CTL_ERR_LEN);
	fclose(f);
	json_decref(v);
	return text;
}

#define EXPECT(printer, json, want) do { \
	char e_[CTL_ERR_LEN]; \
	int rc_; \
	char *out_ = print_with(printer, json, &rc_, e_); \
	CHECK(rc_ == 0, "%s returned %d: %s", #printer, rc_, e_); \
	CHECK_STR(out_, want); \
	free(out_); \
} while (0)

static void
test_status(void)
{
	EXPECT(ctl_print_status,
	       "{\"port_id\": 2, \"name\": \"net_mcm0\", \"role\": \"user\", \"lower\": "
	       "\"net_memif0\", \"link\": \"up\", \"speed\": 10000, \"started\": 1, "
	       "\"default_vc\": \"\", \"rx_packets\": 18446744073709551}",
	       "port_id:    2\n"
	       "name:       net_mcm0\n"
	       "role:       user\n"
	       "lower:      net_memif0\n"
	       "link:       up\n"
	       "speed:      10000\n"
	       "started:    1\n"
	       "default_vc: -\n"
	       "rx_packets: 18446744073709551\n");
	/* Whatever new fields a later driver sends are shown too, one line each. */
	EXPECT(ctl_print_status, "{\"a\": \"x\\ny\", \"bb\": null, \"c\": [1, 2], \"d\": true}",
	       "a:  x y\n"
	       "bb: -\n"
	       "c:  [1,2]\n"
	       "d:  true\n");
	EXPECT(ctl_print_status, "{}", "");
}

static void
test_vc_show(void)
{
	EXPECT(ctl_print_vc_show,
	       "{\"vc\": \"0/100\", \"vpi\": 0, \"vci\": 100, \"type\": \"pvc\", \"state\": "
	       "\"active\", \"aal\": 5, \"encap\": \"llc\", \"contract\": \"UBR\", "
	       "\"tx_cells\": 12345678901}",
	       "vc:       0/100\n"
	       "vpi:      0\n"
	       "vci:      100\n"
	       "type:     pvc\n"
	       "state:    active\n"
	       "aal:      5\n"
	       "encap:    llc\n"
	       "contract: UBR\n"
	       "tx_cells: 12345678901\n");
}

static void
test_vc_list(void)
{
	/* Keys out of order: the table is sorted numerically by VPI, then VCI. */
	EXPECT(ctl_print_vc_list,
	       "{\"total\": 3, \"next\": -1, \"vcs\": {"
	       "\"1/32\": {\"type\": \"pvc\", \"state\": \"active\", \"aal\": 5, \"encap\": "
	       "\"vcmux\", \"tx_pdus\": 5, \"rx_pdus\": 6, \"errors\": 0},"
	       "\"0/100\": {\"type\": \"pvc\", \"state\": \"active\", \"aal\": 5, \"encap\": "
	       "\"llc\", \"tx_pdus\": 1234567, \"rx_pdus\": 1234560, \"errors\": 7},"
	       "\"0/40\": {\"type\": \"svc\", \"state\": \"deactivating\", \"aal\": 5, "
	       "\"encap\": \"llc\", \"tx_pdus\": 0, \"rx_pdus\": 0, \"errors\": 0}}}",
	       "VPI/VCI  TYPE  STATE         OPER  OAM  AAL  ENCAP  TX_PDUS  RX_PDUS  ERRORS\n"
	       "0/40     svc   deactivating  -     -    5    llc          0        0       0\n"
	       "0/100    pvc   active        -     -    5    llc    1234567  1234560       7\n"
	       "1/32     pvc   active        -     -    5    vcmux        5        6       0\n");
	/* I.610: the operational state with its cause, the defects */
	EXPECT(ctl_print_vc_list,
	       "{\"vcs\": {\"0/100\": {\"oper\": \"down\", \"oam\": \"ais\", \"cause\": "
	       "\"link_down\"}, \"0/101\": {\"oper\": \"up\", \"oam\": \"rdi\", \"cause\": \"\"}, "
	       "\"0/102\": {\"oper\": \"down\", \"oam\": \"rdi,loc\", \"cause\": \"loc\"}}}",
	       "VPI/VCI  TYPE  STATE  OPER              OAM      AAL  ENCAP  TX_PDUS  RX_PDUS  "
	       "ERRORS\n"
	       "0/100    -     -      down (link_down)  ais      -    -            -        -"
	       "       -\n"
	       "0/101    -     -      up                rdi      -    -            -        -"
	       "       -\n"
	       "0/102    -     -      down (loc)        rdi,loc  -    -            -        -"
	       "       -\n");
	EXPECT(ctl_print_vc_list, "{\"total\": 0, \"next\": -1, \"vcs\": {}}",
	       "VPI/VCI  TYPE  STATE  OPER  OAM  AAL  ENCAP  TX_PDUS  RX_PDUS  ERRORS\n");
	/* Missing fields print as '-', never as garbage. */
	EXPECT(ctl_print_vc_list, "{\"vcs\": {\"0/33\": {\"state\": \"created\"}}}",
	       "VPI/VCI  TYPE  STATE    OPER  OAM  AAL  ENCAP  TX_PDUS  RX_PDUS  ERRORS\n"
	       "0/33     -     created  -     -    -    -            -        -       -\n");
	/* Sorting is numeric: 0/99 before 0/100 before 2/0. */
	EXPECT(ctl_print_vc_list, "{\"vcs\": {\"2/0\": {}, \"0/100\": {}, \"0/99\": {}}}",
	       "VPI/VCI  TYPE  STATE  OPER  OAM  AAL  ENCAP  TX_PDUS  RX_PDUS  ERRORS\n"
	       "0/99     -     -      -     -    -    -            -        -       -\n"
	       "0/100    -     -      -     -    -    -            -        -       -\n"
	       "2/0      -     -      -     -    -    -            -        -       -\n");
}

static void
test_changes(void)
{
	EXPECT(ctl_print_pvc_add, "{\"vc\": \"0/200\", \"state\": \"active\", \"encap\": "
	       "\"vcmux\"}", "pvc 0/200 active, encap vcmux\n");
	EXPECT(ctl_print_pvc_add, "{\"vc\": \"0/200\"}", "pvc 0/200 ?, encap ?\n");
	EXPECT(ctl_print_pvc_del, "{\"vc\": \"0/200\", \"state\": \"deleted\"}",
	       "pvc 0/200 deleted\n");
	EXPECT(ctl_print_bind_default, "{\"default_vc\": \"0/100\"}", "default vc 0/100\n");
	EXPECT(ctl_print_oam_cc, "{\"vc\": \"0/100\", \"cc\": \"on\"}",
	       "vc 0/100 continuity check on\n");
	EXPECT(ctl_print_bind_mac, "{\"mac\": \"02:00:00:00:00:09\", \"vc\": \"0/101\"}",
	       "mac 02:00:00:00:00:09 vc 0/101\n");
}

static void
test_bind_list(void)
{
	EXPECT(ctl_print_bind_list,
	       "{\"default_vc\": \"0/100\", \"macs\": {\"02:00:00:00:00:09\": \"0/101\", "
	       "\"02:00:00:00:00:0a\": \"1/4000\"}, \"macs_total\": 2}",
	       "DESTINATION        VPI/VCI\n"
	       "default            0/100\n"
	       "02:00:00:00:00:09  0/101\n"
	       "02:00:00:00:00:0a  1/4000\n");
	/* The array form, for applications whose telemetry refuses ':' in names. */
	EXPECT(ctl_print_bind_list,
	       "{\"default_vc\": \"0/100\", \"macs\": [{\"mac\": \"02:00:00:00:00:09\", "
	       "\"vc\": \"0/101\"}, {\"vc\": \"0/102\"}, 7], \"macs_total\": 3}",
	       "DESTINATION        VPI/VCI\n"
	       "default            0/100\n"
	       "02:00:00:00:00:09  0/101\n"
	       "-                  0/102\n"
	       "-                  -\n");
	/* Parallel arrays, as /mcm/ports sends ids and names; a short "vcs" shows '-'. */
	EXPECT(ctl_print_bind_list,
	       "{\"default_vc\": \"0/100\", \"macs\": [\"02:00:00:00:00:09\", "
	       "\"02:00:00:00:00:0a\"], \"vcs\": [\"0/101\"], \"macs_total\": 2}",
	       "DESTINATION        VPI/VCI\n"
	       "default            0/100\n"
	       "02:00:00:00:00:09  0/101\n"
	       "02:00:00:00:00:0a  -\n");
	EXPECT(ctl_print_bind_list, "{\"default_vc\": \"\", \"macs\": {}, \"macs_total\": 0}",
	       "DESTINATION  VPI/VCI\n"
	       "default      -\n");
	EXPECT(ctl_print_bind_list,
	       "{\"default_vc\": \"0/100\", \"macs\": {\"02:00:00:00:00:09\": \"0/101\"}, "
	       "\"macs_total\": 300}",
	       "DESTINATION        VPI/VCI\n"
	       "default            0/100\n"
	       "02:00:00:00:00:09  0/101\n"
	       "(300 MAC bindings, 1 shown)\n");
	/* a hash binding under the table */
	EXPECT(ctl_print_bind_list,
	       "{\"default_vc\": \"0/100\", \"hash_first\": \"1/100\", \"hash_count\": 64, "
	       "\"macs\": {}, \"macs_total\": 0}",
	       "DESTINATION  VPI/VCI\n"
	       "default      0/100\n"
	       "hash: flows over 64 VCs from 1/100\n");
	EXPECT(ctl_print_bind_hash, "{\"hash_first\": \"1/100\", \"hash_count\": 64}",
	       "flows hashed over 64 VCs from 1/100\n");
	EXPECT(ctl_print_bind_hash, "{\"hash_first\": \"0/32\", \"hash_count\": 1}",
	       "flows hashed over 1 VC from 0/32\n");
	EXPECT(ctl_print_bind_hash, "{\"hash_first\": \"0/32\", \"hash_count\": 0}",
	       "no hash binding\n");
}

static void
test_bad_replies(void)
{
	static const printer_t printers[] = {
		ctl_print_status, ctl_print_vc_show, ctl_print_vc_list, ctl_print_pvc_add,
		ctl_print_pvc_del, ctl_print_bind_default, ctl_print_bind_mac, ctl_print_oam_cc,
		ctl_print_bind_list,
	};
	char err[CTL_ERR_LEN];
	size_t i;
	int rc;

	for (i = 0; i < sizeof(printers) / sizeof(printers[0]); i++) {
		char *out = print_with(printers[i], "[1, 2]", &rc, err);

		CHECK(rc == -1, "printer %zu accepted an array", i);
		CHECK_HAS(err, "unexpected reply to /mcm/");
		CHECK_STR(out, "");
		free(out);
		out = print_with(printers[i], "\"text\"", &rc, err);
		CHECK(rc == -1, "printer %zu accepted a string", i);
		free(out);
	}
	free(print_with(ctl_print_vc_list, "{\"vcs\": [1]}", &rc, err));
	CHECK(rc == -1, "vc list with an array of VCs");
	CHECK_HAS(err, "no \"vcs\" object");
	free(print_with(ctl_print_bind_list, "{\"macs\": 3}", &rc, err));
	CHECK(rc == -1, "bind list with macs 3");
}

/* status of a port with signalling: the new fields show as they come, only when present. */
static void
test_status_sig(void)
{
	EXPECT(ctl_print_status,
	       "{\"port_id\": 2, \"name\": \"net_mcm0\", \"role\": \"user\", \"sig\": \"on\", "
	       "\"addr\": \"47000580ffe1000000f21a33220020481a332200\", \"sscop_state\": "
	       "\"READY\", \"uni_state\": \"up\", \"calls\": 2, \"saps\": 1, \"vcs\": 3}",
	       "port_id:     2\n"
	       "name:        net_mcm0\n"
	       "role:        user\n"
	       "sig:         on\n"
	       "addr:        47000580ffe1000000f21a33220020481a332200\n"
	       "sscop_state: READY\n"
	       "uni_state:   up\n"
	       "calls:       2\n"
	       "saps:        1\n"
	       "vcs:         3\n");
	EXPECT(ctl_print_status,
	       "{\"name\": \"net_mcm1\", \"sig\": \"off\", \"addr\": \"\", \"sscop_state\": "
	       "\"off\", \"uni_state\": \"off\"}",
	       "name:        net_mcm1\n"
	       "sig:         off\n"
	       "addr:        -\n"
	       "sscop_state: off\n"
	       "uni_state:   off\n");
}

static void
test_calls(void)
{
	EXPECT(ctl_print_call_make,
	       "{\"call\": 3, \"vc\": \"0/32\", \"vpi\": 0, \"vci\": 32, \"state\": \"active\", "
	       "\"called\": \"47000580ffe1000000f21a33220020481a332200\"}",
	       "call 3 connected: VC 0/32 to 47000580ffe1000000f21a33220020481a332200\n");
	EXPECT(ctl_print_call_make, "{\"call\": 4}", "call 4 connected: VC ? to ?\n");
	EXPECT(ctl_print_call_release,
	       "{\"call\": 3, \"vc\": \"0/32\", \"state\": \"released\", \"cause\": 16}",
	       "call 3 released: VC 0/32, cause 16 (normal call clearing)\n");
	EXPECT(ctl_print_call_release,
	       "{\"call\": 3, \"vc\": \"0/32\", \"state\": \"released\", \"cause\": 120}",
	       "call 3 released: VC 0/32, cause 120\n");
	EXPECT(ctl_print_call_release, "{\"call\": 9, \"vc\": \"1/40\", \"state\": \"released\"}",
	       "call 9 released: VC 1/40\n");
	/* IDs sort numerically; SAP 0 (made here) shows '-'; missing fields '-'. */
	EXPECT(ctl_print_call_list,
	       "{\"total\": 3, \"calls\": {"
	       "\"12\": {\"vc\": \"0/33\", \"state\": \"alerting\", \"uni_state\": \"U7\", "
	       "\"direction\": \"in\", \"called\": \"47000580ffe1000000f21a33220020481a332200\", "
	       "\"calling\": \"39000000000000000000000000000000000000aa\", \"pcr\": 0, "
	       "\"blli\": \"vcmux-routed/ipv6\", \"sap\": 2, \"owner\": \"app\"},"
	       "\"3\": {\"vc\": \"0/32\", \"state\": \"active\", \"uni_state\": \"U10\", "
	       "\"direction\": \"out\", \"called\": \"47000580ffe1000000f21a33220020481a332200\", "
	       "\"calling\": \"\", \"pcr\": 353207, \"blli\": \"llc\", \"sap\": 0, "
	       "\"owner\": \"bridge\"},"
	       "\"100\": {\"state\": \"setup\"}}}",
	       " ID  VPI/VCI  STATE     UNI  DIR  CALLED                                    "
	       "CALLING                                      PCR  BLLI               SAP  OWNER\n"
	       "  3  0/32     active    U10  out  47000580ffe1000000f21a33220020481a332200  "
	       "-                                         353207  llc                  -  bridge\n"
	       " 12  0/33     alerting  U7   in   47000580ffe1000000f21a33220020481a332200  "
	       "39000000000000000000000000000000000000aa       0  vcmux-routed/ipv6    2  app\n"
	       "100  -        setup     -    -    -                                         "
	       "-                                              -  -                    -  -\n");
	/* different rates each way: FORWARD/BACKWARD; the same: one figure */
	EXPECT(ctl_print_call_list,
	       "{\"total\": 2, \"calls\": {"
	       "\"5\": {\"vc\": \"0/40\", \"pcr\": 100000, \"bwd_pcr\": 20000},"
	       "\"6\": {\"vc\": \"0/41\", \"pcr\": 3000, \"bwd_pcr\": 3000}}}",
	       "ID  VPI/VCI  STATE  UNI  DIR  CALLED  CALLING           PCR  BLLI  SAP  OWNER\n"
	       " 5  0/40     -      -    -    -       -        100000/20000  -       -  -\n"
	       " 6  0/41     -      -    -    -       -                3000  -       -  -\n");
	EXPECT(ctl_print_call_list, "{\"total\": 0, \"calls\": {}}",
	       "ID  VPI/VCI  STATE  UNI  DIR  CALLED  CALLING  PCR  BLLI  SAP  OWNER\n");
}

static void
test_saps(void)
{
	EXPECT(ctl_print_sap_add, "{\"sap\": 2, \"addr\": \"any\"}", "sap 2 registered for any\n");
	EXPECT(ctl_print_sap_add,
	       "{\"sap\": 1, \"addr\": \"47000580ffe1000000f21a33220020481a332200\"}",
	       "sap 1 registered for 47000580ffe1000000f21a33220020481a332200\n");
	EXPECT(ctl_print_sap_del, "{\"sap\": 2, \"state\": \"deleted\"}", "sap 2 deleted\n");
	EXPECT(ctl_print_sap_list,
	       "{\"total\": 2, \"saps\": {"
	       "\"10\": {\"addr\": \"any\", \"bhli\": \"\", \"blli\": \"\", \"calls\": 0},"
	       "\"2\": {\"addr\": \"47000580ffe1000000f21a33220020481a332200\", \"bhli\": "
	       "\"0102\", \"blli\": \"llc\", \"calls\": 12}}}",
	       "ID  ADDRESS                                   BHLI  BLLI  CALLS\n"
	       " 2  47000580ffe1000000f21a33220020481a332200  0102  llc      12\n"
	       "10  any                                       -     -         0\n");
	EXPECT(ctl_print_sap_list, "{\"total\": 0, \"saps\": {}}",
	       "ID  ADDRESS  BHLI  BLLI  CALLS\n");
}

static void
test_oids(void)
{
	EXPECT(ctl_print_oid_get, "{\"oid\": \"max_sdu\", \"id\": \"0x01010103\", \"value\": 9180}",
	       "max_sdu = 9180\n");
	EXPECT(ctl_print_oid_get,
	       "{\"oid\": \"rx_pdus\", \"id\": \"0x02010101\", \"value\": 18446744073709551, "
	       "\"vc\": \"0/100\"}",
	       "rx_pdus on VC 0/100 = 18446744073709551\n");
	EXPECT(ctl_print_oid_get, "{\"oid\": \"addr\", \"value\": \"4700\\n05\"}",
	       "addr = 4700 05\n");
	EXPECT(ctl_print_oid_set, "{\"oid\": \"max_sdu\", \"value\": 1528}",
	       "max_sdu set to 1528\n");
	EXPECT(ctl_print_oid_set, "{\"oid\": \"addr\", \"value\": \"any\"}",
	       "addr set to any\n");
	EXPECT(ctl_print_oid_list,
	       "{\"oids\": {"
	       "\"rx_pdus\": {\"id\": \"0x02010101\", \"scope\": \"vc\", \"access\": \"ro\", "
	       "\"type\": \"u64\"},"
	       "\"addr\": {\"id\": \"0x01010201\", \"scope\": \"port\", \"access\": \"rw\", "
	       "\"type\": \"address\"},"
	       "\"max_sdu\": {\"id\": \"0x01010103\", \"scope\": \"port\", \"access\": \"rw\"}}}",
	       "NAME     ID          SCOPE  ACCESS  TYPE\n"
	       "addr     0x01010201  port   rw      address\n"
	       "max_sdu  0x01010103  port   rw      -\n"
	       "rx_pdus  0x02010101  vc     ro      u64\n");
}

static void
test_capture(void)
{
	EXPECT(ctl_print_capture_start, "{\"file\": \"/tmp/a.pcap\", \"vcs\": \"all\"}",
	       "capturing all VCs, signalling included, to /tmp/a.pcap\n");
	EXPECT(ctl_print_capture_start, "{\"file\": \"/tmp/a.pcap\", \"vcs\": \"0/100 0/5\"}",
	       "capturing VCs 0/100 0/5 to /tmp/a.pcap\n");
	EXPECT(ctl_print_capture_start, "{\"file\": \"/tmp/a.pcap\", \"vcs\": \"0/100\"}",
	       "capturing VC 0/100 to /tmp/a.pcap\n");
	EXPECT(ctl_print_capture_stop,
	       "{\"file\": \"/tmp/a.pcap\", \"records\": 1200, \"bytes\": 98765, \"dropped\": 0}",
	       "capture /tmp/a.pcap stopped: 1200 records, 98765 bytes, 0 dropped\n");
	EXPECT(ctl_print_capture_stop, "{}", "capture ? stopped: ? records, ? bytes, ? dropped\n");
	/* count N: said at start, and at stop once reached */
	EXPECT(ctl_print_capture_start, "{\"file\": \"/tmp/a.pcap\", \"vcs\": \"0/100\", "
	       "\"count\": 500}", "capturing VC 0/100 to /tmp/a.pcap, 500 records at most\n");
	EXPECT(ctl_print_capture_start, "{\"file\": \"/tmp/a.pcap\", \"vcs\": \"all\", "
	       "\"count\": 0}", "capturing all VCs, signalling included, to /tmp/a.pcap\n");
	EXPECT(ctl_print_capture_stop, "{\"file\": \"/tmp/a.pcap\", \"records\": 500, "
	       "\"bytes\": 9, \"dropped\": 0, \"count\": 500}",
	       "capture /tmp/a.pcap stopped: 500 records, 9 bytes, 0 dropped (count reached)\n");
	EXPECT(ctl_print_capture_stop, "{\"file\": \"/tmp/a.pcap\", \"records\": 499, "
	       "\"bytes\": 9, \"dropped\": 0, \"count\": 500}",
	       "capture /tmp/a.pcap stopped: 499 records, 9 bytes, 0 dropped\n");
}

static void
test_cm_bad_replies(void)
{
	static const printer_t printers[] = {
		ctl_print_call_make, ctl_print_call_list, ctl_print_call_release,
		ctl_print_sap_add, ctl_print_sap_list, ctl_print_sap_del, ctl_print_oid_get,
		ctl_print_oid_set, ctl_print_oid_list, ctl_print_capture_start,
		ctl_print_capture_stop, ctl_print_bind_hash,
	};
	char err[CTL_ERR_LEN];
	size_t i;
	int rc;

	for (i = 0; i < sizeof(printers) / sizeof(printers[0]); i++) {
		char *out = print_with(printers[i], "[1, 2]", &rc, err);

		CHECK(rc == -1, "printer %zu accepted an array", i);
		CHECK_HAS(err, "unexpected reply to /mcm/");
		CHECK_STR(out, "");
		free(out);
		out = print_with(printers[i], "null", &rc, err);
		CHECK(rc == -1, "printer %zu accepted null", i);
		free(out);
	}
	free(print_with(ctl_print_call_list, "{\"calls\": [1]}", &rc, err));
	CHECK(rc == -1, "call list with an array");
	CHECK_STR(err, "unexpected reply to /mcm/call_list: no \"calls\" object");
	free(print_with(ctl_print_sap_list, "{\"total\": 0}", &rc, err));
	CHECK(rc == -1, "sap list without saps");
	CHECK_STR(err, "unexpected reply to /mcm/sap_list: no \"saps\" object");
	free(print_with(ctl_print_oid_list, "{\"oids\": \"x\"}", &rc, err));
	CHECK(rc == -1, "oid list with a string");
}

static void
test_causes(void)
{
	static const int used[] = {
		1, 2, 3, 10, 16, 17, 18, 21, 22, 27, 28, 29, 30, 31, 35, 36, 37, 38, 41, 43, 45,
		47, 49, 51, 57, 58, 63, 65, 73, 78, 81, 82, 88, 89, 91, 92, 93, 96, 97, 99, 100,
		101, 102, 104, 111, 127,
	};
	char buf[160];
	size_t i;

	for (i = 0; i < sizeof(used) / sizeof(used[0]); i++)
		CHECK(ctl_cause_name(used[i]) != NULL, "cause %d has no name", used[i]);
	CHECK_STR(ctl_cause_name(3), "no route to destination");
	CHECK_STR(ctl_cause_name(16), "normal call clearing");
	CHECK_STR(ctl_cause_name(17), "user busy");
	CHECK_STR(ctl_cause_name(81), "invalid call reference value");
	CHECK_STR(ctl_cause_name(102), "recovery on timer expiry");
	CHECK(ctl_cause_name(0) == NULL && ctl_cause_name(128) == NULL &&
	      ctl_cause_name(-3) == NULL && ctl_cause_name(4) == NULL, "unnamed causes");
	ctl_fmt_cause(3, buf, sizeof(buf));
	CHECK_STR(buf, "cause 3 (no route to destination)");
	ctl_fmt_cause(4, buf, sizeof(buf));
	CHECK_STR(buf, "cause 4");
	ctl_fmt_cause(-9000000000LL, buf, sizeof(buf));
	CHECK_STR(buf, "cause -9000000000");
}

static int
call_error(const char *json, char *err)
{
	json_t *v = json_loads(json, 0, NULL);
	int rc = ctl_call_error(v, "47000580ffe1000000f21a33220020481a332200", err, CTL_ERR_LEN);

	json_decref(v);
	return rc;
}

static void
test_call_errors(void)
{
	char err[CTL_ERR_LEN];

	CHECK(call_error("{\"error\": \"call cleared by the network\", \"code\": -111, "
			 "\"cause\": 3}", err) == CTL_EXIT_FAIL, "cleared");
	CHECK_STR(err, "call to 47000580ffe1000000f21a33220020481a332200: cleared, cause 3 (no "
		  "route to destination)");
	CHECK(call_error("{\"error\": \"x\", \"code\": -111, \"cause\": 17}", err) ==
	      CTL_EXIT_FAIL, "busy");
	CHECK_HAS(err, ": cleared, cause 17 (user busy)");
	CHECK(call_error("{\"error\": \"x\", \"code\": -111, \"cause\": 4}", err) ==
	      CTL_EXIT_FAIL, "unnamed cause");
	CHECK_HAS(err, ": cleared, cause 4");
	CHECK(call_error("{\"error\": \"signalling is off on\\nnet_mcm0\", \"code\": -95}", err) ==
	      CTL_EXIT_FAIL, "no cause");
	CHECK_STR(err, "call to 47000580ffe1000000f21a33220020481a332200: signalling is off on "
		  "net_mcm0");
	CHECK(call_error("{\"error\": \"\", \"code\": -110}", err) == CTL_EXIT_FAIL, "no text");
	CHECK_STR(err, "call to 47000580ffe1000000f21a33220020481a332200: Connection timed out");
	CHECK(call_error("{\"error\": 1}", err) == CTL_EXIT_FAIL, "nothing");
	CHECK_STR(err, "call to 47000580ffe1000000f21a33220020481a332200: failed");
}

static int
check_reply(const char *json, char *err)
{
	json_t *v = json_loads(json, JSON_DECODE_ANY, NULL);
	int rc = ctl_reply_check(v, "/mcm/pvc_add", "pfx", err, CTL_ERR_LEN);

	json_decref(v);
	return rc;
}

static void
test_reply_check(void)
{
	char err[CTL_ERR_LEN];

	CHECK(check_reply("{\"vc\": \"0/40\"}", err) == CTL_EXIT_OK, "ordinary reply");
	CHECK(check_reply("null", err) == CTL_EXIT_FAIL, "null");
	CHECK_STR(err, "/mcm/pvc_add is not supported by the application with file prefix 'pfx' "
		  "(not an mcm application, or an older mcm)");
	CHECK(check_reply("{\"error\": \"VC 0/40 already exists on net_mcm0\", \"code\": -17}",
			  err) == CTL_EXIT_FAIL, "error");
	CHECK_STR(err, "VC 0/40 already exists on net_mcm0");
	CHECK(check_reply("{\"error\": \"two\\nlines\\r\", \"code\": -22}", err) ==
	      CTL_EXIT_FAIL, "two lines");
	CHECK_STR(err, "two lines ");
	CHECK(check_reply("{\"error\": \"\", \"code\": -19}", err) == CTL_EXIT_FAIL, "no text");
	CHECK_STR(err, "/mcm/pvc_add failed: No such device");
	CHECK(check_reply("{\"error\": 5}", err) == CTL_EXIT_FAIL, "error not a string");
	CHECK_STR(err, "/mcm/pvc_add failed");
	/* Any error reply carrying a cause names it. */
	CHECK(check_reply("{\"error\": \"call 3 cleared\", \"code\": -111, \"cause\": 81}",
			  err) == CTL_EXIT_FAIL, "error with cause");
	CHECK_STR(err, "call 3 cleared, cause 81 (invalid call reference value)");
	CHECK(check_reply("{\"error\": \"\", \"code\": -111, \"cause\": 16}", err) ==
	      CTL_EXIT_FAIL, "cause without text");
	CHECK_STR(err, "/mcm/pvc_add failed: Connection refused, cause 16 (normal call clearing)");
	CHECK(check_reply("[1]", err) == CTL_EXIT_CONN, "array");
	CHECK_STR(err, "unexpected reply to /mcm/pvc_add: not a JSON object");
	CHECK(check_reply("\"x\"", err) == CTL_EXIT_CONN, "string");
}

static void
test_json(void)
{
	const char *in = "{\"vc\": \"0/40\", \"n\": 18446744073709551, \"o\": {\"a\": [1, 2]}}";
	json_t *v = json_loads(in, 0, NULL), *back;
	char *text = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&text, &n);

	CHECK(ctl_print_json(f, v) == 0, "print");
	fclose(f);
	CHECK_STR(text, "{\n  \"vc\": \"0/40\",\n  \"n\": 18446744073709551,\n  \"o\": {\n"
		  "    \"a\": [\n      1,\n      2\n    ]\n  }\n}\n");
	back = json_loads(text, 0, NULL);
	CHECK(back != NULL && json_equal(back, v), "--json output parses back to the reply");
	json_decref(back);
	json_decref(v);
	free(text);
}

int
main(void)
{
	test_status();
	test_vc_show();
	test_vc_list();
	test_changes();
	test_bind_list();
	test_bad_replies();
	test_status_sig();
	test_calls();
	test_saps();
	test_oids();
	test_capture();
	test_cm_bad_replies();
	test_causes();
	test_call_errors();
	test_reply_check();
	test_json();
	return test_summary();
}
