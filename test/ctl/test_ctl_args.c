/* SPDX-License-Identifier: BSD-3-Clause
 * mcm-ctl argument parsing: VPI/VCI syntax and ranges, reserved VCIs, MAC addresses, port
 * values, global options and command words; ATM addresses, BHLI, numbers, capture file names
 * and every call-manager command. Nothing here opens a socket.
 */
#include <stdint.h>
#include <unistd.h>

#include "ctl.h"
#include "ctl_test.h"

#define ARGV(...) ((char *[]){ __VA_ARGS__, NULL })
#define ARGC(...) ((int)(sizeof((char *[]){ __VA_ARGS__ }) / sizeof(char *)))

static void
test_vc(void)
{
	static const struct { const char *s; int vpi, vci; } good[] = {
		{ "0/32", 0, 32 }, { "0/100", 0, 100 }, { "4095/65535", 4095, 65535 },
		{ "0/0", 0, 0 }, { "00/040", 0, 40 }, { "255/1000", 255, 1000 },
	};
	static const char *const bad_syntax[] = {
		"", "0", "/", "0/", "/5", "a/b", "-1/40", "+1/40", "0/40 ", " 0/40", "0//40",
		"0/4/0", "0x1/40", "1.0/40", "0/1e3", "0/40\n",
	};
	char err[CTL_ERR_LEN];
	uint16_t vpi, vci;
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		int r = ctl_parse_vc(good[i].s, &vpi, &vci, err, sizeof(err));

		CHECK(r == 0 && vpi == good[i].vpi && vci == good[i].vci, "'%s' -> %d %u/%u",
		      good[i].s, r, vpi, vci);
	}
	for (i = 0; i < sizeof(bad_syntax) / sizeof(bad_syntax[0]); i++) {
		err[0] = '\0';
		CHECK(ctl_parse_vc(bad_syntax[i], &vpi, &vci, err, sizeof(err)) == -1,
		      "'%s' accepted", bad_syntax[i]);
		CHECK_HAS(err, "expected VPI/VCI in decimal");
	}
	CHECK(ctl_parse_vc("4096/40", &vpi, &vci, err, sizeof(err)) == -1, "VPI 4096");
	CHECK_STR(err, "bad VC '4096/40': VPI 4096 out of range 0..4095");
	CHECK(ctl_parse_vc("0/65536", &vpi, &vci, err, sizeof(err)) == -1, "VCI 65536");
	CHECK_STR(err, "bad VC '0/65536': VCI 65536 out of range 0..65535");
	/* Huge numbers must not wrap around into the range. */
	CHECK(ctl_parse_vc("0/18446744073709551648", &vpi, &vci, err, sizeof(err)) == -1,
	      "wrapping VCI");
	CHECK_HAS(err, "VCI 18446744073709551648 out of range");
	CHECK(ctl_parse_vc("4294967296/40", &vpi, &vci, err, sizeof(err)) == -1, "wrap VPI");
	CHECK_HAS(err, "VPI 4294967296 out of range");
}

static void
test_reserved(void)
{
	char err[CTL_ERR_LEN];
	unsigned int vci;

	for (vci = 0; vci <= 31; vci++) {
		err[0] = '\0';
		CHECK(ctl_check_client_vc(0, (uint16_t)vci, err, sizeof(err)) == -1,
		      "VCI %u allowed", vci);
		CHECK_HAS(err, "is reserved");
		CHECK_HAS(err, "VCIs 0..31 belong to the driver");
	}
	CHECK(ctl_check_client_vc(0, 5, err, sizeof(err)) == -1, "0/5");
	CHECK_STR(err, "VC 0/5: VCI 5 is reserved (UNI signalling); VCIs 0..31 belong to the "
		  "driver, use 32 or above");
	CHECK(ctl_check_client_vc(0, 16, err, sizeof(err)) == -1, "0/16");
	CHECK_HAS(err, "(ILMI)");
	CHECK(ctl_check_client_vc(7, 3, err, sizeof(err)) == -1, "7/3");
	CHECK_HAS(err, "VC 7/3: VCI 3 is reserved (F4 OAM)");
	CHECK(ctl_check_client_vc(0, 32, err, sizeof(err)) == 0, "0/32 refused");
	CHECK(ctl_check_client_vc(4095, 65535, err, sizeof(err)) == 0, "4095/65535 refused");
}

static void
test_mac(void)
{
	static const char *const bad[] = {
		"", "02:00:00:00:00", "02:00:00:00:00:01:02", "02:00-00:00:00:01",
		"0g:00:00:00:00:01", "2:0:0:0:0:1", "02:00:00:00:00:1", "0200.0000.0001",
		"02:00:00:00:00:01 ", "02;00;00;00;00;01",
	};
	uint8_t mac[6], want[6] = { 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff };
	char err[CTL_ERR_LEN];
	size_t i;

	CHECK(ctl_parse_mac("aa:bb:cc:dd:ee:ff", mac, err, sizeof(err)) == 0 &&
	      memcmp(mac, want, 6) == 0, "lower case colon");
	memset(mac, 0, sizeof(mac));
	CHECK(ctl_parse_mac("AA-BB-CC-DD-EE-FF", mac, err, sizeof(err)) == 0 &&
	      memcmp(mac, want, 6) == 0, "upper case dash");
	CHECK(ctl_parse_mac("02:00:00:00:00:01", mac, err, sizeof(err)) == 0 &&
	      mac[0] == 2 && mac[5] == 1, "02:00:00:00:00:01");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		CHECK(ctl_parse_mac(bad[i], mac, err, sizeof(err)) == -1, "'%s' accepted",
		      bad[i]);
		CHECK_HAS(err, "bad MAC address");
	}
}

static void
test_port(void)
{
	char err[CTL_ERR_LEN];
	char long_name[80];

	CHECK(ctl_check_port("0", err, sizeof(err)) == 0, "0");
	CHECK(ctl_check_port("net_mcm0", err, sizeof(err)) == 0, "net_mcm0");
	CHECK(ctl_check_port("0000:01:00.0", err, sizeof(err)) == 0, "PCI name");
	CHECK(ctl_check_port("", err, sizeof(err)) == -1, "empty");
	CHECK(ctl_check_port("a,b", err, sizeof(err)) == -1, "comma");
	CHECK_HAS(err, "no ','");
	CHECK(ctl_check_port("a b", err, sizeof(err)) == -1, "blank");
	CHECK(ctl_check_port("a\tb", err, sizeof(err)) == -1, "tab");
	memset(long_name, 'x', 64);
	long_name[64] = '\0';
	CHECK(ctl_check_port(long_name, err, sizeof(err)) == -1, "64 characters");
	long_name[63] = '\0';
	CHECK(ctl_check_port(long_name, err, sizeof(err)) == 0, "63 characters");
}

static void
test_opts(void)
{
	char err[CTL_ERR_LEN], long_prefix[121];
	struct ctl_opts o;
	int rc;

	memset(long_prefix, 'a', sizeof(long_prefix) - 1);
	long_prefix[sizeof(long_prefix) - 1] = '\0';
	rc = ctl_parse_opts(ARGC("mcm-ctl", "status"), ARGV("mcm-ctl", "status"), &o, err,
			    sizeof(err));
	CHECK(rc == 0 && strcmp(o.prefix, "rte") == 0 && o.port == NULL && !o.json &&
	      o.timeout == 5.0 && !o.timeout_given && o.argc == 1 &&
	      strcmp(o.argv[0], "status") == 0, "defaults");

	rc = ctl_parse_opts(ARGC("mcm-ctl", "-f", "x1", "-p", "net_mcm1", "--json", "-t", "0.5",
				 "vc", "list"),
			    ARGV("mcm-ctl", "-f", "x1", "-p", "net_mcm1", "--json", "-t", "0.5",
				 "vc", "list"), &o, err, sizeof(err));
	CHECK(rc == 0 && strcmp(o.prefix, "x1") == 0 && strcmp(o.port, "net_mcm1") == 0 &&
	      o.json && o.timeout == 0.5 && o.timeout_given && o.argc == 2, "short options");

	rc = ctl_parse_opts(ARGC("mcm-ctl", "vc", "show", "0/100", "--file-prefix=pp",
				 "--port=3", "--json", "--timeout=2"),
			    ARGV("mcm-ctl", "vc", "show", "0/100", "--file-prefix=pp", "--port=3",
				 "--json", "--timeout=2"), &o, err, sizeof(err));
	CHECK(rc == 0 && strcmp(o.prefix, "pp") == 0 && strcmp(o.port, "3") == 0 && o.json &&
	      o.timeout == 2.0 && o.argc == 3 && strcmp(o.argv[2], "0/100") == 0,
	      "long options after the command");

	rc = ctl_parse_opts(ARGC("mcm-ctl", "-h"), ARGV("mcm-ctl", "-h"), &o, err, sizeof(err));
	CHECK(rc == 0 && o.help, "-h");
	rc = ctl_parse_opts(ARGC("mcm-ctl", "--help"), ARGV("mcm-ctl", "--help"), &o, err,
			    sizeof(err));
	CHECK(rc == 0 && o.help, "--help");
	rc = ctl_parse_opts(ARGC("mcm-ctl", "--version"), ARGV("mcm-ctl", "--version"), &o, err,
			    sizeof(err));
	CHECK(rc == 0 && o.version, "--version");

	rc = ctl_parse_opts(ARGC("mcm-ctl", "status", "-f"), ARGV("mcm-ctl", "status", "-f"),
			    &o, err, sizeof(err));
	CHECK(rc == CTL_EXIT_USAGE, "-f without value");
	CHECK_STR(err, "option '-f' needs a value (see mcm-ctl --help)");
	rc = ctl_parse_opts(ARGC("mcm-ctl", "--bogus", "status"),
			    ARGV("mcm-ctl", "--bogus", "status"), &o, err, sizeof(err));
	CHECK(rc == CTL_EXIT_USAGE, "--bogus");
	CHECK_STR(err, "unknown option '--bogus' (see mcm-ctl --help)");
	rc = ctl_parse_opts(ARGC("mcm-ctl", "-x", "status"), ARGV("mcm-ctl", "-x", "status"),
			    &o, err, sizeof(err));
	CHECK(rc == CTL_EXIT_USAGE, "-x");
	CHECK_STR(err, "unknown option '-x' (see mcm-ctl --help)");
	rc = ctl_parse_opts(ARGC("mcm-ctl", "-hx", "status"), ARGV("mcm-ctl", "-hx", "status"),
			    &o, err, sizeof(err));
	CHECK(rc == CTL_EXIT_USAGE, "-hx");
	CHECK_STR(err, "unknown option '-x' (see mcm-ctl --help)");
	rc = ctl_parse_opts(ARGC("mcm-ctl", "status", "--port"),
			    ARGV("mcm-ctl", "status", "--port"), &o, err, sizeof(err));
	CHECK(rc == CTL_EXIT_USAGE, "--port without value");
	CHECK_STR(err, "option '--port' needs a value (see mcm-ctl --help)");
	rc = ctl_parse_opts(ARGC("mcm-ctl", "-f", "a/b", "status"),
			    ARGV("mcm-ctl", "-f", "a/b", "status"), &o, err, sizeof(err));
	CHECK(rc == CTL_EXIT_USAGE, "prefix with /");
	CHECK_HAS(err, "bad file prefix 'a/b'");
	rc = ctl_parse_opts(ARGC("mcm-ctl", "-f", "", "status"),
			    ARGV("mcm-ctl", "-f", "", "status"), &o, err, sizeof(err));
	CHECK(rc == CTL_EXIT_USAGE, "empty prefix");
	rc = ctl_parse_opts(ARGC("mcm-ctl", "-p", "a,b", "status"),
			    ARGV("mcm-ctl", "-p", "a,b", "status"), &o, err, sizeof(err));
	CHECK(rc == CTL_EXIT_USAGE, "port with comma");
	CHECK_HAS(err, "bad port 'a,b'");
	/* the reason given is the one that applies: length, not the '/' rule */
	rc = ctl_parse_opts(ARGC("mcm-ctl", "-f", long_prefix, "status"),
			    ARGV("mcm-ctl", "-f", long_prefix, "status"), &o, err, sizeof(err));
	CHECK(rc == CTL_EXIT_USAGE, "120-character prefix");
	CHECK_STR(err, "bad file prefix: 120 characters, give 1..100");
	/* a non-ASCII port name: said so, and the raw bytes are not echoed */
	rc = ctl_parse_opts(ARGC("mcm-ctl", "-p", "\xc3\xbc", "status"),
			    ARGV("mcm-ctl", "-p", "\xc3\xbc", "status"), &o, err, sizeof(err));
	CHECK(rc == CTL_EXIT_USAGE, "-p with a non-ASCII name");
	CHECK_STR(err, "bad port: a port id or name is ASCII, byte 1 is 0xc3");
	rc = ctl_parse_opts(ARGC("mcm-ctl", "-t", "abc", "status"),
			    ARGV("mcm-ctl", "-t", "abc", "status"), &o, err, sizeof(err));
	CHECK(rc == CTL_EXIT_USAGE, "-t abc");
	CHECK_HAS(err, "bad timeout 'abc'");
	rc = ctl_parse_opts(ARGC("mcm-ctl", "-t", "-1", "status"),
			    ARGV("mcm-ctl", "-t", "-1", "status"), &o, err, sizeof(err));
	CHECK(rc == CTL_EXIT_USAGE, "-t -1");
	rc = ctl_parse_opts(ARGC("mcm-ctl", "-t", "nan", "status"),
			    ARGV("mcm-ctl", "-t", "nan", "status"), &o, err, sizeof(err));
	CHECK(rc == CTL_EXIT_USAGE, "-t nan");
	rc = ctl_parse_opts(ARGC("mcm-ctl"), ARGV("mcm-ctl"), &o, err, sizeof(err));
	CHECK(rc == 0 && o.argc == 0, "no arguments");
}

/* Parse a command line after the options; returns the exit code. */
static int
cmd(struct ctl_cmd *c, char *err, int argc, char **argv)
{
	err[0] = '\0';
	return ctl_parse_cmd(argc, argv, c, err, CTL_ERR_LEN);
}

#define CMD(c, err, ...) cmd(c, err, ARGC(__VA_ARGS__), ARGV(__VA_ARGS__))

static void
test_cmds(void)
{
	char err[CTL_ERR_LEN];
	struct ctl_cmd c;

	CHECK(CMD(&c, err, "status") == 0 && c.id == CTL_CMD_STATUS, "status");
	CHECK(CMD(&c, err, "vc", "list") == 0 && c.id == CTL_CMD_VC_LIST, "vc list");
	CHECK(CMD(&c, err, "vc", "show", "1/200") == 0 && c.id == CTL_CMD_VC_SHOW &&
	      c.vpi == 1 && c.vci == 200, "vc show");
	/* Showing a reserved VC is a question for the application, not refused locally. */
	CHECK(CMD(&c, err, "vc", "show", "0/5") == 0, "vc show 0/5");
	CHECK(CMD(&c, err, "pvc", "add", "0/200") == 0 && c.id == CTL_CMD_PVC_ADD &&
	      c.vci == 200 && c.encap == NULL, "pvc add");
	CHECK(CMD(&c, err, "pvc", "add", "0/200", "encap", "vcmux") == 0 &&
	      c.encap != NULL && strcmp(c.encap, "vcmux") == 0, "pvc add encap vcmux");
	CHECK(CMD(&c, err, "pvc", "add", "0/200", "encap", "llc") == 0 &&
	      strcmp(c.encap, "llc") == 0, "pvc add encap llc");
	CHECK(CMD(&c, err, "pvc", "add", "0/200", "sdu-label", "0200") == 0 &&
	      c.pw_label == 200 && c.encap == NULL, "pvc add sdu-label (decimal)");
	CHECK(CMD(&c, err, "pvc", "add", "0/200", "sdu-label", "300", "encap", "vcmux") == 0 &&
	      c.pw_label == 300 && strcmp(c.encap, "vcmux") == 0, "sdu-label and encap, any order");
	CHECK(CMD(&c, err, "pvc", "add", "0/200", "encap", "llc-routed") == 0 &&
	      strcmp(c.encap, "llc-routed") == 0, "pvc add encap llc-routed");
	CHECK(CMD(&c, err, "pvc", "add", "0/200", "encap", "vcmux-routed", "sdu-label", "300") ==
	      0 && strcmp(c.encap, "vcmux-routed") == 0 && c.pw_label == 300,
	      "pvc add encap vcmux-routed sdu-label");
	CHECK(CMD(&c, err, "pvc", "add", "0/200") == 0 && c.pw_label == 0, "no sdu-label: cells");
	CHECK(CMD(&c, err, "pvc", "add", "0/200", "sdu-label", "15") == CTL_EXIT_USAGE,
	      "sdu-label 15");
	CHECK_STR(err, "bad sdu-label '15': an MPLS label 16..1048575");
	CHECK(CMD(&c, err, "pvc", "add", "0/200", "sdu-label", "1048576") == CTL_EXIT_USAGE,
	      "sdu-label 2^20");
	CHECK(CMD(&c, err, "pvc", "add", "0/200", "sdu-label", "2x") == CTL_EXIT_USAGE,
	      "sdu-label 2x");
	CHECK(CMD(&c, err, "pvc", "add", "0/200", "sdu-label") == CTL_EXIT_USAGE,
	      "sdu-label without a value");
	CHECK_HAS(err, "bad arguments for 'pvc add'");
	CHECK(CMD(&c, err, "pvc", "add", "0/200", "sdu-label", "20", "sdu-label", "21") ==
	      CTL_EXIT_USAGE, "sdu-label twice");
	CHECK(CMD(&c, err, "pvc", "add", "0/200", "encap", "llc", "encap", "llc") ==
	      CTL_EXIT_USAGE, "encap twice");
	/* AAL5 PDU frame mode (RFC 4717 10) */
	CHECK(CMD(&c, err, "pvc", "add", "0/200", "pdu-label", "300", "encap", "llc") == 0 &&
	      c.pw_label == 300 && c.pw_pdu, "pdu-label");
	CHECK(CMD(&c, err, "pvc", "add", "0/200", "sdu-label", "300") == 0 && !c.pw_pdu,
	      "sdu-label is not PDU mode");
	CHECK(CMD(&c, err, "pvc", "add", "0/200", "pdu-label", "15") == CTL_EXIT_USAGE,
	      "pdu-label 15");
	CHECK_STR(err, "bad pdu-label '15': an MPLS label 16..1048575");
	CHECK(CMD(&c, err, "pvc", "add", "0/200", "sdu-label", "20", "pdu-label", "21") ==
	      CTL_EXIT_USAGE, "sdu-label and pdu-label");
	CHECK_HAS(err, "bad arguments for 'pvc add'");
	CHECK(CMD(&c, err, "pvc", "del", "0/200") == 0 && c.id == CTL_CMD_PVC_DEL, "pvc del");
	CHECK(CMD(&c, err, "bind", "default", "0/100") == 0 && c.id == CTL_CMD_BIND_DEFAULT,
	      "bind default");
	CHECK(CMD(&c, err, "bind", "mac", "02:00:00:00:00:09", "0/101") == 0 &&
	      c.id == CTL_CMD_BIND_MAC && c.mac[5] == 9 && c.vci == 101, "bind mac");
	CHECK(CMD(&c, err, "bind", "list") == 0 && c.id == CTL_CMD_BIND_LIST, "bind list");

	CHECK(CMD(&c, err, "pvc", "add", "0/5") == CTL_EXIT_USAGE, "pvc add 0/5");
	CHECK_HAS(err, "VCI 5 is reserved (UNI signalling)");
	CHECK(CMD(&c, err, "pvc", "del", "0/16") == CTL_EXIT_USAGE, "pvc del 0/16");
	CHECK_HAS(err, "ILMI");
	CHECK(CMD(&c, err, "bind", "default", "0/31") == CTL_EXIT_USAGE, "bind default 0/31");
	CHECK(CMD(&c, err, "bind", "mac", "02:00:00:00:00:09", "0/0") == CTL_EXIT_USAGE,
	      "bind mac 0/0");
	CHECK(CMD(&c, err, "bind", "mac", "02:00:00:00:00", "0/40") == CTL_EXIT_USAGE,
	      "bind mac bad MAC");
	CHECK_HAS(err, "bad MAC address");
	CHECK(CMD(&c, err, "pvc", "add", "0/4096x") == CTL_EXIT_USAGE, "bad VC syntax");
	CHECK_HAS(err, "bad VC '0/4096x'");
	CHECK(CMD(&c, err, "pvc", "add", "5000/40") == CTL_EXIT_USAGE, "VPI range");
	CHECK_HAS(err, "VPI 5000 out of range 0..4095");
	CHECK(CMD(&c, err, "pvc", "add", "0/40", "encap", "raw") == CTL_EXIT_USAGE, "encap");
	CHECK_STR(err, "bad encapsulation 'raw': use llc, vcmux, llc-routed or vcmux-routed");
	CHECK(CMD(&c, err, "pvc", "add", "0/40", "encap", "routed") == CTL_EXIT_USAGE &&
	      CMD(&c, err, "pvc", "add", "0/40", "encap", "LLC-routed") == CTL_EXIT_USAGE,
	      "encap names are exact");
	CHECK(CMD(&c, err, "pvc", "add", "0/40", "vcmux") == CTL_EXIT_USAGE, "encap word");
	CHECK_STR(err, "bad arguments for 'pvc add': usage: mcm-ctl pvc add VPI/VCI "
		  "[encap ENCAP] [sdu-label N|pdu-label N]");
	CHECK(CMD(&c, err, "pvc", "add") == CTL_EXIT_USAGE, "pvc add without VC");
	CHECK_STR(err, "missing arguments for 'pvc add': usage: mcm-ctl pvc add VPI/VCI "
		  "[encap ENCAP] [sdu-label N|pdu-label N]");
	CHECK(CMD(&c, err, "status", "now") == CTL_EXIT_USAGE, "status now");
	CHECK_STR(err, "too many arguments for 'status': usage: mcm-ctl status");
	CHECK(CMD(&c, err, "vc", "list", "0/40") == CTL_EXIT_USAGE, "vc list arg");
	CHECK(CMD(&c, err, "vc") == CTL_EXIT_USAGE, "vc");
	CHECK_STR(err, "incomplete command 'vc': use 'vc list' or 'vc show VPI/VCI'");
	CHECK(CMD(&c, err, "bind", "ip") == CTL_EXIT_USAGE, "bind ip");
	CHECK_STR(err, "unknown command 'bind ip': use 'bind default VPI/VCI' or 'bind mac MAC "
		  "VPI/VCI' or 'bind hash VPI/VCI COUNT | bind hash off' or 'bind list'");
	/* bind hash: flows over COUNT VCs from VPI/VCI */
	CHECK(CMD(&c, err, "bind", "hash", "1/100", "64") == 0 && c.id == CTL_CMD_BIND_HASH &&
	      c.vpi == 1 && c.vci == 100 && c.count == 64, "bind hash 1/100 64: %s", err);
	CHECK(CMD(&c, err, "bind", "hash", "off") == 0 && c.id == CTL_CMD_BIND_HASH &&
	      c.count == 0, "bind hash off: %s", err);
	CHECK(CMD(&c, err, "bind", "hash", "0/65535", "1") == 0 && c.count == 1,
	      "bind hash up to VCI 65535");
	CHECK(CMD(&c, err, "bind", "hash", "0/65535", "2") == 0 && c.count == 2,
	      "bind hash past VCI 65535: on to VPI 1");
	CHECK(CMD(&c, err, "bind", "hash", "1/32", "1048576") == 0 && c.count == 1048576,
	      "bind hash of 1,048,576 VCs");
	CHECK(CMD(&c, err, "bind", "hash", "1/32", "1048577") == CTL_EXIT_USAGE,
	      "bind hash over 1,048,576 VCs");
	CHECK(CMD(&c, err, "bind", "hash", "4095/65535", "2") == CTL_EXIT_USAGE,
	      "bind hash past VPI 4095");
	CHECK_HAS(err, "go past VPI 4095");
	CHECK_HAS(err, "count");
	CHECK(CMD(&c, err, "bind", "hash", "0/100", "0") == CTL_EXIT_USAGE, "bind hash count 0");
	CHECK(CMD(&c, err, "bind", "hash", "0/16", "4") == CTL_EXIT_USAGE, "bind hash 0/16");
	CHECK_HAS(err, "reserved");
	CHECK(CMD(&c, err, "bind", "hash", "0/100") == CTL_EXIT_USAGE, "bind hash without count");
	CHECK_STR(err, "usage: mcm-ctl bind hash VPI/VCI COUNT | bind hash off");
	CHECK(CMD(&c, err, "bind", "hash", "on") == CTL_EXIT_USAGE, "bind hash on");
	CHECK(CMD(&c, err, "frobnicate") == CTL_EXIT_USAGE, "unknown");
	CHECK_STR(err, "unknown command 'frobnicate' (see mcm-ctl --help)");
	/* I.610 continuity check */
	CHECK(CMD(&c, err, "oam", "cc", "0/100", "on") == 0 && c.id == CTL_CMD_OAM_CC &&
	      c.vci == 100 && c.onoff != NULL && strcmp(c.onoff, "on") == 0, "oam cc on");
	CHECK(CMD(&c, err, "oam", "cc", "1/40", "off") == 0 && c.vpi == 1 && c.onoff != NULL &&
	      strcmp(c.onoff, "off") == 0, "oam cc off");
	CHECK(CMD(&c, err, "oam", "cc", "0/100") == 0 && c.onoff == NULL, "oam cc: ask");
	CHECK(CMD(&c, err, "oam", "cc", "0/100", "yes") == CTL_EXIT_USAGE, "oam cc yes");
	CHECK_STR(err, "bad state 'yes' for 'oam cc': use on or off");
	CHECK(CMD(&c, err, "oam", "cc", "0/16", "on") == CTL_EXIT_USAGE, "oam cc 0/16");
	CHECK_HAS(err, "reserved");
	CHECK(CMD(&c, err, "oam", "cc") == CTL_EXIT_USAGE, "oam cc without a VC");
	CHECK(CMD(&c, err, "oam", "frobnicate", "0/100") == CTL_EXIT_USAGE, "oam frobnicate");
	CHECK_HAS(err, "oam cc VPI/VCI [on|off]");
	CHECK(ctl_parse_cmd(0, NULL, &c, err, sizeof(err)) == CTL_EXIT_USAGE, "no command");
	CHECK_STR(err, "no command given (see mcm-ctl --help)");
}

#define AESA "47.0005.80ffe1000000f21a3322.0020481a3322.00"
#define AESA_HEX "47000580ffe1000000f21a33220020481a332200"

static void
test_aesa(void)
{
	static const char *const bad[] = {
		"", ".", "47", "47000580ffe1000000f21a33220020481a3322", /* 38 digits */
		"47000580ffe1000000f21a33220020481a33220", /* 39 */
		"47000580ffe1000000f21a33220020481a3322000", /* 41 */
		"47000580ffe1000000f21a33220020481a33220g",
		"47:0005:80ffe1000000f21a3322:0020481a3322:00",
		"0x47000580ffe1000000f21a33220020481a3322",
		" 47000580ffe1000000f21a33220020481a332200",
		"47000580ffe1000000f21a33220020481a332200 ", "any",
	};
	char err[CTL_ERR_LEN], hex[CTL_AESA_DIGITS + 1];
	size_t i;

	CHECK(ctl_parse_aesa(AESA, hex, err, sizeof(err)) == 0, "dotted AESA: %s", err);
	CHECK_STR(hex, AESA_HEX);
	CHECK(ctl_parse_aesa("47000580FFE1000000F21A33220020481A332200", hex, err,
			     sizeof(err)) == 0, "upper case");
	CHECK_STR(hex, AESA_HEX);
	/* Dots anywhere, even leading, trailing or doubled. */
	CHECK(ctl_parse_aesa(".4.7000580ffe1000000f21a33220020481a332200..", hex, err,
			     sizeof(err)) == 0, "dots anywhere");
	CHECK_STR(hex, AESA_HEX);
	CHECK(ctl_parse_aesa("39.0000.0000.0000.0000.0000.0000.0000.0000.0000.00", hex, err,
			     sizeof(err)) == 0, "DCC AESA");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		CHECK(ctl_parse_aesa(bad[i], hex, err, sizeof(err)) == -1, "'%s' accepted", bad[i]);
		CHECK_HAS(err, "bad ATM address");
		CHECK_HAS(err, "40 hex digits");
	}
	CHECK(ctl_parse_aesa("47.0005", hex, err, sizeof(err)) == -1, "short");
	CHECK_STR(err, "bad ATM address '47.0005': 6 hex digits; an AESA is exactly 40 hex "
		  "digits, dots allowed, e.g. " AESA);
	CHECK(ctl_parse_aesa("47000580ffe1000000f21a33220020481a33220g", hex, err,
			     sizeof(err)) == -1, "g");
	CHECK_HAS(err, "'g' is not a hex digit");
}

static void
test_bhli_num(void)
{
	static const char *const bad_bhli[] = {
		"", "1", "123", "0g", "010203040506070809", "01 02", "0x01", "01-02",
	};
	char err[CTL_ERR_LEN], hex[2 * CTL_BHLI_MAX + 1];
	uint32_t v;
	size_t i;

	CHECK(ctl_parse_bhli("01", hex, err, sizeof(err)) == 0, "1 octet");
	CHECK_STR(hex, "01");
	CHECK(ctl_parse_bhli("0102030405060708", hex, err, sizeof(err)) == 0, "8 octets");
	CHECK(ctl_parse_bhli("ABcd", hex, err, sizeof(err)) == 0, "mixed case");
	CHECK_STR(hex, "abcd");
	for (i = 0; i < sizeof(bad_bhli) / sizeof(bad_bhli[0]); i++) {
		err[0] = '\0';
		CHECK(ctl_parse_bhli(bad_bhli[i], hex, err, sizeof(err)) == -1, "BHLI '%s'",
		      bad_bhli[i]);
		CHECK_HAS(err, "1..8 octets");
	}

	CHECK(ctl_parse_num("pcr", "16777215", 1, CTL_PCR_MAX, "cells/s", &v, err,
			    sizeof(err)) == 0 && v == 16777215, "pcr max");
	CHECK(ctl_parse_num("pcr", "1", 1, CTL_PCR_MAX, "cells/s", &v, err, sizeof(err)) == 0 &&
	      v == 1, "pcr 1");
	CHECK(ctl_parse_num("pcr", "16777216", 1, CTL_PCR_MAX, "cells/s", &v, err,
			    sizeof(err)) == -1, "pcr max + 1");
	CHECK_STR(err, "bad pcr '16777216': 1..16777215 cells/s");
	/* Long numbers never wrap into the range. */
	CHECK(ctl_parse_num("pcr", "18446744073709551617", 1, CTL_PCR_MAX, "x", &v, err,
			    sizeof(err)) == -1, "pcr 2^64 + 1");
	CHECK(ctl_parse_num("id", "4294967297", 1, CTL_ID_MAX, "x", &v, err, sizeof(err)) == -1,
	      "id 2^32 + 1");
	CHECK(ctl_parse_num("id", "2147483647", 1, CTL_ID_MAX, "x", &v, err, sizeof(err)) == 0 &&
	      v == 2147483647, "id max");
	CHECK(ctl_parse_num("id", "0", 1, CTL_ID_MAX, "x", &v, err, sizeof(err)) == -1, "id 0");
	CHECK(ctl_parse_num("id", "", 1, CTL_ID_MAX, "x", &v, err, sizeof(err)) == -1, "empty");
	CHECK(ctl_parse_num("id", "-1", 1, CTL_ID_MAX, "x", &v, err, sizeof(err)) == -1, "-1");
	CHECK(ctl_parse_num("id", "+1", 1, CTL_ID_MAX, "x", &v, err, sizeof(err)) == -1, "+1");
	CHECK(ctl_parse_num("id", "1 ", 1, CTL_ID_MAX, "x", &v, err, sizeof(err)) == -1, "1 ");
	CHECK(ctl_parse_num("id", "0x10", 1, CTL_ID_MAX, "x", &v, err, sizeof(err)) == -1, "hex");
}

static void
test_abs_file(void)
{
	char err[CTL_ERR_LEN], out[CTL_FILE_MAX + 1], cwd[4096], want[4200];
	char long_name[CTL_FILE_MAX + 10];

	CHECK(getcwd(cwd, sizeof(cwd)) != NULL, "getcwd");
	CHECK(ctl_abs_file("cap.pcap", out, sizeof(out), err, sizeof(err)) == 0, "relative: %s",
	      err);
	snprintf(want, sizeof(want), "%s/cap.pcap", strcmp(cwd, "/") == 0 ? "" : cwd);
	CHECK_STR(out, want);
	CHECK(ctl_abs_file("./x/../cap.pcap", out, sizeof(out), err, sizeof(err)) == -1 ||
	      strcmp(out, want) == 0, "dot dot through a missing directory");
	CHECK(ctl_abs_file("/tmp/../tmp/./c.pcap", out, sizeof(out), err, sizeof(err)) == 0,
	      "/tmp/../tmp/./c.pcap: %s", err);
	CHECK_STR(out, "/tmp/c.pcap");
	CHECK(ctl_abs_file("/c.pcap", out, sizeof(out), err, sizeof(err)) == 0, "/c.pcap");
	CHECK_STR(out, "/c.pcap");
	CHECK(ctl_abs_file("", out, sizeof(out), err, sizeof(err)) == -1, "empty");
	CHECK_STR(err, "bad capture file '': give a file name");
	CHECK(ctl_abs_file("/tmp/", out, sizeof(out), err, sizeof(err)) == -1, "directory");
	CHECK_HAS(err, "names a directory");
	CHECK(ctl_abs_file("..", out, sizeof(out), err, sizeof(err)) == -1, "..");
	CHECK(ctl_abs_file("/tmp/.", out, sizeof(out), err, sizeof(err)) == -1, "/tmp/.");
	CHECK(ctl_abs_file("a,b.pcap", out, sizeof(out), err, sizeof(err)) == -1, "comma");
	CHECK_HAS(err, "no ','");
	CHECK(ctl_abs_file("a\nb", out, sizeof(out), err, sizeof(err)) == -1, "newline");
	CHECK(ctl_abs_file("/no/such/dir/c.pcap", out, sizeof(out), err, sizeof(err)) == -1,
	      "missing directory");
	CHECK_STR(err, "bad capture file '/no/such/dir/c.pcap': directory '/no/such/dir': No "
		  "such file or directory");
	memset(long_name, 'a', sizeof(long_name) - 1);
	long_name[0] = '/';
	long_name[sizeof(long_name) - 1] = '\0';
	CHECK(ctl_abs_file(long_name, out, sizeof(out), err, sizeof(err)) == -1, "too long");
	CHECK_HAS(err, "longer than 800 characters");
}

static void
test_cm_cmds(void)
{
	char err[CTL_ERR_LEN];
	struct ctl_cmd c;

	/* call make */
	CHECK(CMD(&c, err, "call", "make", AESA) == 0 && c.id == CTL_CMD_CALL_MAKE &&
	      strcmp(c.addr, AESA_HEX) == 0 && c.pcr == 0 && c.sdu == 0 && c.bhli[0] == '\0' &&
	      c.blli == NULL, "call make: %s", err);
	CHECK(CMD(&c, err, "call", "make", AESA, "blli", "vcmux", "pcr", "16777215", "bhli",
		  "0A0b", "sdu", "65535") == 0 && c.pcr == 16777215 && c.sdu == 65535 &&
	      strcmp(c.bhli, "0a0b") == 0 && strcmp(c.blli, "vcmux") == 0,
	      "call make with every keyword, any order: %s", err);
	CHECK(CMD(&c, err, "call", "make", AESA, "blli", "none") == 0 &&
	      strcmp(c.blli, "none") == 0, "blli none");
	CHECK(CMD(&c, err, "call", "make", AESA, "blli", "llc") == 0, "blli llc");
	CHECK(CMD(&c, err, "call", "make") == CTL_EXIT_USAGE, "call make without address");
	CHECK_STR(err, "missing arguments for 'call make': usage: mcm-ctl call make ADDRESS "
		  "[pcr N[/M]] [sdu N] [bhli HEX] [blli BLLI] [proto P]");
	CHECK(CMD(&c, err, "call", "make", "47.0005") == CTL_EXIT_USAGE, "short address");
	CHECK_HAS(err, "bad ATM address '47.0005'");
	CHECK(CMD(&c, err, "call", "make", "any") == CTL_EXIT_USAGE, "call make any");
	CHECK(CMD(&c, err, "call", "make", AESA, "pcr", "0") == CTL_EXIT_USAGE, "pcr 0");
	CHECK_STR(err, "bad pcr '0': 1..16777215 cells/s (the 24-bit peak cell rate of the ATM "
		  "traffic descriptor, Q.2931 4.5.6)");
	CHECK(CMD(&c, err, "call", "make", AESA, "pcr", "16777216") == CTL_EXIT_USAGE, "pcr");
	CHECK(CMD(&c, err, "call", "make", AESA, "pcr", "1e6") == CTL_EXIT_USAGE, "pcr 1e6");
	/* forward/backward (Q.2931 4.5.6): each 1..2^24-1, both given */
	CHECK(CMD(&c, err, "call", "make", AESA, "pcr", "100000/20000") == 0 && c.pcr == 100000 &&
	      c.bwd_pcr == 20000, "pcr 100000/20000: %s", err);
	CHECK(CMD(&c, err, "call", "make", AESA, "pcr", "16777215/1") == 0 && c.pcr == 16777215 &&
	      c.bwd_pcr == 1, "pcr 16777215/1: %s", err);
	CHECK(CMD(&c, err, "call", "make", AESA, "pcr", "7") == 0 && c.pcr == 7 && c.bwd_pcr == 0,
	      "pcr 7: no backward rate");
	{
		static const char *const bad_pcr[] = {
			"100000/", "/20000", "100000/0", "0/5", "1/16777216", "16777216/1",
			"1/2/3", "1//2", "1 /2", "1/2x", "/",
		};
		size_t i;

		for (i = 0; i < sizeof(bad_pcr) / sizeof(bad_pcr[0]); i++) {
			char arg[16], want[64];

			snprintf(arg, sizeof(arg), "%s", bad_pcr[i]);
			snprintf(want, sizeof(want), "bad pcr '%s': ", bad_pcr[i]);
			CHECK(CMD(&c, err, "call", "make", AESA, "pcr", arg) ==
			      CTL_EXIT_USAGE, "pcr %s refused", bad_pcr[i]);
			CHECK_HAS(err, want);
		}
	}
	CHECK_STR(err, "bad pcr '/': FORWARD/BACKWARD, each 1..16777215 cells/s (the 24-bit "
		  "peak cell rate of the ATM traffic descriptor, Q.2931 4.5.6)");
	CHECK(CMD(&c, err, "call", "make", AESA, "sdu", "0") == CTL_EXIT_USAGE, "sdu 0");
	CHECK_HAS(err, "bad sdu '0': 1..65535 bytes");
	CHECK(CMD(&c, err, "call", "make", AESA, "sdu", "65536") == CTL_EXIT_USAGE, "sdu");
	CHECK(CMD(&c, err, "call", "make", AESA, "bhli", "010203040506070809") ==
	      CTL_EXIT_USAGE, "bhli 9 octets");
	CHECK_HAS(err, "bad BHLI");
	CHECK(CMD(&c, err, "call", "make", AESA, "blli", "raw") == CTL_EXIT_USAGE, "blli raw");
	CHECK_STR(err, "bad blli 'raw': use llc, vcmux, llc-routed, vcmux-routed[/P] or none, or "
		  "up to three but none joined by +");
	/* routed B-LLIs (RFC 2684 7) and the routed protocol of a VC-mux routed one */
	CHECK(CMD(&c, err, "call", "make", AESA, "blli", "llc-routed") == 0 &&
	      strcmp(c.blli, "llc-routed") == 0 && c.proto == NULL, "blli llc-routed: %s", err);
	CHECK(CMD(&c, err, "call", "make", AESA, "blli", "vcmux-routed", "proto", "ipv6") == 0 &&
	      strcmp(c.blli, "vcmux-routed") == 0 && strcmp(c.proto, "ipv6") == 0,
	      "blli vcmux-routed proto ipv6: %s", err);
	CHECK(CMD(&c, err, "call", "make", AESA, "proto", "0x0806", "blli", "vcmux-routed") ==
	      0 && strcmp(c.proto, "0x0806") == 0, "proto 0x0806 first: %s", err);
	CHECK(CMD(&c, err, "call", "make", AESA, "proto", "ipv4") == 0 &&
	      c.blli == NULL && strcmp(c.proto, "ipv4") == 0,
	      "proto alone (the port's encapsulation decides): %s", err);
	{
		static const char *const bad_proto[] = {
			"ip", "IPV4", "0x05ff", "0x", "0x10000", "0x0800 ", "800", "0xg0",
			"-0x0800", "0x+800",
		};
		size_t i;

		for (i = 0; i < sizeof(bad_proto) / sizeof(bad_proto[0]); i++) {
			char want[64], arg[16];

			snprintf(arg, sizeof(arg), "%s", bad_proto[i]);
			snprintf(want, sizeof(want), "bad proto '%s': ", bad_proto[i]);
			CHECK(CMD(&c, err, "call", "make", AESA, "blli", "vcmux-routed", "proto",
				  arg) == CTL_EXIT_USAGE, "proto %s refused", bad_proto[i]);
			CHECK_HAS(err, want);
		}
	}
	CHECK_STR(err, "bad proto '0x+800': use ipv4, ipv6 or an EtherType 0x0600..0xffff");
	CHECK(CMD(&c, err, "call", "make", AESA, "blli", "llc-routed", "proto", "ipv4") ==
	      CTL_EXIT_USAGE, "proto with llc-routed");
	CHECK_STR(err, "proto names the protocol of a VC-mux routed VC: it needs blli "
		  "vcmux-routed");
	CHECK(CMD(&c, err, "call", "make", AESA, "blli", "Vcmux-routed") == CTL_EXIT_USAGE,
	      "blli is spelt exactly");
	/* several B-LLIs offered, in order (Q.2931 Annex C) */
	CHECK(CMD(&c, err, "call", "make", AESA, "blli", "vcmux-routed+llc-routed", "proto",
		  "ipv6") == 0 && strcmp(c.blli, "vcmux-routed+llc-routed") == 0,
	      "two B-LLIs: %s", err);
	CHECK(CMD(&c, err, "call", "make", AESA, "blli", "llc-routed+vcmux+vcmux-routed") == 0,
	      "three B-LLIs: %s", err);
	{
		static const struct {
			const char *blli, *why;
		} bad[] = {
			{ "vcmux+llc+vcmux-routed+vcmux", "at most three B-LLIs" },
			{ "vcmux+vcmux", "each B-LLI once, none alone" },
			{ "none+llc", "each B-LLI once, none alone" },
			{ "llc+none", "each B-LLI once, none alone" },
			{ "llc+llc-routed", "llc and llc-routed send the same B-LLI" },
			{ "llc++vcmux", "use llc, vcmux, llc-routed, vcmux-routed[/P] or none, "
				      "or up to three but none joined by +" },
			{ "llc+", "use llc" },
			{ "+llc", "use llc" },
			/* vcmux-routed/P (below) */
			{ "vcmux-routed/ipv6+vcmux-routed/ipv6", "each B-LLI once" },
			{ "vcmux-routed+vcmux-routed", "each B-LLI once" },
			{ "llc/ipv4", "only vcmux-routed names a protocol (vcmux-routed/P)" },
			{ "none/ipv4", "only vcmux-routed names a protocol" },
			{ "vcmux-routed/", "the protocol of vcmux-routed/P is ipv4, ipv6 or an "
					   "EtherType 0x0600..0xffff" },
			{ "vcmux-routed/0x05ff", "the protocol of vcmux-routed/P" },
			{ "vcmux-routed/ipv6/ipv4", "the protocol of vcmux-routed/P" },
			{ "vcmux-routed/IPV6", "the protocol of vcmux-routed/P" },
			{ "vcmux-routed/0x86dd0", "the protocol of vcmux-routed/P" },
			{ "llc+vcmux-routed/ipv7", "the protocol of vcmux-routed/P" },
		};
		size_t i;

		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			char arg[48];

			snprintf(arg, sizeof(arg), "%s", bad[i].blli);
			CHECK(CMD(&c, err, "call", "make", AESA, "blli", arg) ==
			      CTL_EXIT_USAGE, "blli %s refused", bad[i].blli);
			CHECK_HAS(err, bad[i].why);
		}
	}
	CHECK(CMD(&c, err, "call", "make", AESA, "blli", "llc-routed+vcmux", "proto", "ipv6") ==
	      CTL_EXIT_USAGE, "proto without a VC-mux routed B-LLI in the list");
	/* vcmux-routed/P: each VC-mux routed B-LLI with its own protocol (RFC 2684 7), so that
	 * one list offers two (what call list prints, typed back)
	 */
	CHECK(CMD(&c, err, "call", "make", AESA, "blli", "vcmux-routed/ipv6+vcmux-routed/ipv4") ==
	      0 && strcmp(c.blli, "vcmux-routed/ipv6+vcmux-routed/ipv4") == 0 && c.proto == NULL,
	      "two VC-mux routed B-LLIs: %s", err);
	CHECK(CMD(&c, err, "call", "make", AESA, "blli",
		  "vcmux-routed/0x0806+llc+vcmux-routed") == 0,
	      "one named, one IPv4 by default: %s", err);
	CHECK(CMD(&c, err, "sap", "add", "any", "blli", "vcmux-routed/0x88b5") == 0 &&
	      strcmp(c.blli, "vcmux-routed/0x88b5") == 0, "SAP vcmux-routed/P: %s", err);
	CHECK(CMD(&c, err, "call", "make", AESA, "blli", "vcmux-routed/ipv6+vcmux-routed",
		  "proto", "ipv4") == CTL_EXIT_USAGE, "proto beside vcmux-routed/P");
	CHECK_STR(err, "proto with vcmux-routed/P: name each protocol in blli, or one for all "
		  "with proto");
	CHECK(CMD(&c, err, "sap", "add", "any", "blli", "vcmux-routed/ipv6+llc") ==
	      CTL_EXIT_USAGE, "a SAP takes one");
	CHECK_HAS(err, "a SAP takes one B-LLI");
	CHECK(CMD(&c, err, "call", "make", AESA, "pcr") == CTL_EXIT_USAGE, "pcr without value");
	CHECK_HAS(err, "'pcr' needs a value");
	CHECK(CMD(&c, err, "call", "make", AESA, "pcr", "10", "pcr", "20") == CTL_EXIT_USAGE,
	      "pcr twice");
	CHECK_STR(err, "'pcr' given twice");
	CHECK(CMD(&c, err, "call", "make", AESA, "encap", "llc") == CTL_EXIT_USAGE, "encap");
	CHECK_HAS(err, "unknown keyword 'encap' for 'call make'");
	CHECK(CMD(&c, err, "call", "make", AESA, "pcr", "1", "sdu", "1", "bhli", "01", "blli",
		  "vcmux-routed", "proto", "ipv4", "x") == CTL_EXIT_USAGE, "too many");
	CHECK_HAS(err, "too many arguments for 'call make'");

	/* call list, call release */
	CHECK(CMD(&c, err, "call", "list") == 0 && c.id == CTL_CMD_CALL_LIST, "call list");
	CHECK(CMD(&c, err, "call", "list", "all") == CTL_EXIT_USAGE, "call list all");
	CHECK(CMD(&c, err, "call", "release", "3") == 0 && c.id == CTL_CMD_CALL_RELEASE &&
	      c.ref == 3 && !c.has_vc && c.cause == 0, "call release 3");
	CHECK(CMD(&c, err, "call", "release", "0/32", "cause", "31") == 0 && c.has_vc &&
	      c.vpi == 0 && c.vci == 32 && c.ref == 0 && c.cause == 31, "release by VC");
	CHECK(CMD(&c, err, "call", "release", "7", "cause", "127") == 0 && c.cause == 127,
	      "cause 127");
	CHECK(CMD(&c, err, "call", "release", "7", "cause", "1") == 0 && c.cause == 1,
	      "cause 1");
	CHECK(CMD(&c, err, "call", "release", "0") == CTL_EXIT_USAGE, "ID 0");
	CHECK_STR(err, "bad call ID '0': 1..2147483647 (a positive integer)");
	CHECK(CMD(&c, err, "call", "release", "x") == CTL_EXIT_USAGE, "ID x");
	CHECK(CMD(&c, err, "call", "release", "0/5") == CTL_EXIT_USAGE, "release 0/5");
	CHECK_HAS(err, "VCI 5 is reserved (UNI signalling)");
	CHECK(CMD(&c, err, "call", "release", "0/x") == CTL_EXIT_USAGE, "release 0/x");
	CHECK_HAS(err, "bad VC '0/x'");
	CHECK(CMD(&c, err, "call", "release", "3", "cause", "0") == CTL_EXIT_USAGE, "cause 0");
	CHECK_STR(err, "bad cause '0': 1..127 (the cause value, Q.2931 4.5.15, Q.2610)");
	CHECK(CMD(&c, err, "call", "release", "3", "cause", "128") == CTL_EXIT_USAGE,
	      "cause 128");
	CHECK(CMD(&c, err, "call", "release", "3", "16") == CTL_EXIT_USAGE, "cause word");
	CHECK_STR(err, "bad arguments for 'call release': usage: mcm-ctl call release "
		  "ID|VPI/VCI [cause N]");
	CHECK(CMD(&c, err, "call", "release", "3", "cause") == CTL_EXIT_USAGE, "cause alone");
	CHECK(CMD(&c, err, "call", "drop") == CTL_EXIT_USAGE, "call drop");
	CHECK_HAS(err, "unknown command 'call drop': use 'call make ADDRESS");

	/* sap */
	CHECK(CMD(&c, err, "sap", "add", "any") == 0 && c.id == CTL_CMD_SAP_ADD &&
	      strcmp(c.addr, "any") == 0, "sap add any");
	CHECK(CMD(&c, err, "sap", "add", AESA, "bhli", "01", "blli", "llc") == 0 &&
	      strcmp(c.addr, AESA_HEX) == 0 && strcmp(c.bhli, "01") == 0 &&
	      strcmp(c.blli, "llc") == 0, "sap add with BHLI and BLLI");
	CHECK(CMD(&c, err, "sap", "add", "any", "blli", "vcmux-routed", "proto", "ipv6") == 0 &&
	      strcmp(c.blli, "vcmux-routed") == 0 && strcmp(c.proto, "ipv6") == 0,
	      "sap add for VC-mux routed IPv6: %s", err);
	CHECK(CMD(&c, err, "sap", "add", "any", "blli", "llc-routed", "bhli", "01", "proto",
		  "ipv6") == CTL_EXIT_USAGE, "sap add proto with llc-routed");
	CHECK_HAS(err, "it needs blli vcmux-routed");
	CHECK(CMD(&c, err, "sap", "add", "any", "blli", "vcmux+llc") == CTL_EXIT_USAGE,
	      "sap add with two B-LLIs");
	CHECK_STR(err, "bad blli 'vcmux+llc': a SAP takes one B-LLI");
	CHECK(CMD(&c, err, "sap", "add", "ANY") == CTL_EXIT_USAGE, "ANY");
	CHECK(CMD(&c, err, "sap", "add", "any", "pcr", "10") == CTL_EXIT_USAGE, "sap pcr");
	CHECK_HAS(err, "unknown keyword 'pcr' for 'sap add'");
	CHECK(CMD(&c, err, "sap", "add") == CTL_EXIT_USAGE, "sap add");
	CHECK(CMD(&c, err, "sap", "list") == 0 && c.id == CTL_CMD_SAP_LIST, "sap list");
	CHECK(CMD(&c, err, "sap", "del", "12") == 0 && c.id == CTL_CMD_SAP_DEL && c.ref == 12,
	      "sap del");
	CHECK(CMD(&c, err, "sap", "del", "0") == CTL_EXIT_USAGE, "sap del 0");
	CHECK_STR(err, "bad SAP ID '0': 1..2147483647 (a positive integer)");
	CHECK(CMD(&c, err, "sap", "del", "any") == CTL_EXIT_USAGE, "sap del any");

	/* oid */
	CHECK(CMD(&c, err, "oid", "get", "max_sdu") == 0 && c.id == CTL_CMD_OID_GET &&
	      strcmp(c.name, "max_sdu") == 0 && !c.has_vc, "oid get");
	CHECK(CMD(&c, err, "oid", "get", "rx_pdus", "1/40") == 0 && c.has_vc && c.vpi == 1 &&
	      c.vci == 40, "oid get on a VC");
	CHECK(CMD(&c, err, "oid", "get", "rx_pdus", "0/5") == CTL_EXIT_USAGE, "oid get 0/5");
	CHECK_HAS(err, "VCI 5 is reserved");
	CHECK(CMD(&c, err, "oid", "get", "a,b") == CTL_EXIT_USAGE, "oid name with comma");
	CHECK_HAS(err, "bad OID name 'a,b'");
	CHECK(CMD(&c, err, "oid", "get", "a b") == CTL_EXIT_USAGE, "oid name with blank");
	CHECK(CMD(&c, err, "oid", "get", "") == CTL_EXIT_USAGE, "empty oid name");
	CHECK(CMD(&c, err, "oid", "get", "a", "0/40", "x") == CTL_EXIT_USAGE, "oid get 3 args");
	CHECK(CMD(&c, err, "oid", "set", "addr", "47.00") == 0 && c.id == CTL_CMD_OID_SET &&
	      strcmp(c.value, "47.00") == 0, "oid set: the value as given");
	CHECK(CMD(&c, err, "oid", "set", "addr") == CTL_EXIT_USAGE, "oid set without value");
	CHECK_STR(err, "missing arguments for 'oid set': usage: mcm-ctl oid set NAME VALUE");
	CHECK(CMD(&c, err, "oid", "list") == 0 && c.id == CTL_CMD_OID_LIST, "oid list");

	/* capture */
	CHECK(CMD(&c, err, "capture", "start", "/tmp/x.pcap") == 0 &&
	      c.id == CTL_CMD_CAPTURE_START && strcmp(c.file, "/tmp/x.pcap") == 0 &&
	      c.n_vcs == 0, "capture start, all VCs: %s", err);
	CHECK(CMD(&c, err, "capture", "start", "/tmp/x.pcap", "0/100", "1/40") == 0 &&
	      c.n_vcs == 2 && c.vcs[0].vci == 100 && c.vcs[1].vpi == 1 && c.vcs[1].vci == 40,
	      "capture start, two VCs");
	CHECK(CMD(&c, err, "capture", "start", "/tmp/x", "0/32", "0/33", "0/34", "0/35", "0/36",
		  "0/37", "0/38", "0/39") == 0 && c.n_vcs == 8, "capture 8 VCs");
	CHECK(CMD(&c, err, "capture", "start", "/tmp/x", "0/32", "0/33", "0/34", "0/35", "0/36",
		  "0/37", "0/38", "0/39", "0/40") == CTL_EXIT_USAGE, "capture 9 VCs");
	CHECK_STR(err, "capture start takes 8 VCs at most");
	CHECK(CMD(&c, err, "capture", "start", "/tmp/x", "0/32", "0/33", "0/34", "0/35", "0/36",
		  "0/37", "0/38", "0/39", "0/40", "0/41", "0/42") == CTL_EXIT_USAGE,
	      "capture 11 VCs");
	CHECK_HAS(err, "too many arguments for 'capture start'");
	/* count N: the last two words (dumpcap -c) */
	CHECK(CMD(&c, err, "capture", "start", "/tmp/x", "count", "10") == 0 && c.n_vcs == 0 &&
	      c.count == 10, "capture count 10: %s", err);
	CHECK(CMD(&c, err, "capture", "start", "/tmp/x", "0/32", "0/33", "0/34", "0/35", "0/36",
		  "0/37", "0/38", "0/39", "count", "4294967295") == 0 && c.n_vcs == 8 &&
	      c.count == 4294967295u, "capture 8 VCs, the largest count: %s", err);
	CHECK(CMD(&c, err, "capture", "start", "/tmp/x", "0/100", "count", "0") == CTL_EXIT_USAGE,
	      "count 0");
	CHECK_HAS(err, "count");
	CHECK(CMD(&c, err, "capture", "start", "/tmp/x", "0/100", "count", "4294967296") ==
	      CTL_EXIT_USAGE, "count over 32 bits");
	CHECK_HAS(err, "count");
	CHECK(CMD(&c, err, "capture", "start", "/tmp/x", "count", "5", "0/100") == CTL_EXIT_USAGE,
	      "count before a VC");
	CHECK(CMD(&c, err, "capture", "start", "/tmp/x", "0/100") == 0 && c.count == 0,
	      "no count: 0");
	/* the signalling VC may be captured, no other reserved VC */
	CHECK(CMD(&c, err, "capture", "start", "/tmp/x", "0/5") == 0 && c.n_vcs == 1 &&
	      c.vcs[0].vpi == 0 && c.vcs[0].vci == 5, "capture 0/5: %s", err);
	CHECK(CMD(&c, err, "capture", "start", "/tmp/x", "0/16") == CTL_EXIT_USAGE, "capture 0/16");
	CHECK_HAS(err, "VCI 16 is reserved");
	CHECK(CMD(&c, err, "capture", "start", "/tmp/x", "0/40", "0/40") == CTL_EXIT_USAGE,
	      "same VC twice");
	CHECK_STR(err, "VC 0/40 given twice");
	CHECK(CMD(&c, err, "capture", "start", "") == CTL_EXIT_USAGE, "empty file");
	CHECK(CMD(&c, err, "capture", "start") == CTL_EXIT_USAGE, "no file");
	CHECK_STR(err, "missing arguments for 'capture start': usage: mcm-ctl capture start "
		  "FILE [VPI/VCI ...] [count N]");
	CHECK(CMD(&c, err, "capture", "stop") == 0 && c.id == CTL_CMD_CAPTURE_STOP, "stop");
	CHECK(CMD(&c, err, "capture", "stop", "now") == CTL_EXIT_USAGE, "stop now");
	CHECK(CMD(&c, err, "capture") == CTL_EXIT_USAGE, "capture");
	CHECK_STR(err, "incomplete command 'capture': use 'capture start FILE [VPI/VCI ...] "
		  "[count N]' or "
		  "'capture stop'");

	CHECK_STR(ctl_cmd_words(CTL_CMD_CALL_MAKE), "call make");
	CHECK_STR(ctl_cmd_words(CTL_CMD_STATUS), "status");
	CHECK_STR(ctl_cmd_words(CTL_CMD_CAPTURE_STOP), "capture stop");
	CHECK_STR(ctl_cmd_words((enum ctl_cmd_id)999), "?");
}

/* oam ping: targets, keywords and defaults, each wrong argument with its one message. */
static void
test_oam_ping(void)
{
	static const struct {
		const char *args[9];
		const char *msg;
	} bad[] = {
		{ { "0/70000" }, "bad VC '0/70000': VCI 70000 out of range 0..65535" },
		{ { "4096" }, "bad VPI '4096': 0..4095 (F4: a VPI alone; F5: VPI/VCI)" },
		{ { "x" }, "bad VPI 'x'" },
		{ { "0/16" }, "VCI 16 is reserved" },
		{ { "0/100", "count", "0" }, "bad count '0': 1..1000000 loopbacks" },
		{ { "0/100", "count", "1000001" }, "bad count '1000001'" },
		{ { "0/100", "interval", "-1" }, "bad interval '-1': 0..3600000 ms" },
		{ { "0/100", "timeout", "0" }, "bad timeout '0': 1..60000 ms" },
		{ { "0/100", "timeout", "60001" }, "bad timeout '60001'" },
		{ { "0/100", "count" }, "'count' needs a value: usage: mcm-ctl oam ping" },
		{ { "0/100", "count", "2", "count", "3" }, "'count' given twice" },
		{ { "0/100", "end", "segment" }, "'segment|end' given twice" },
		{ { "0/100", "fast" }, "unknown word 'fast' for 'oam ping': usage: mcm-ctl oam "
		  "ping VPI/VCI|VPI [count N] [interval MS] [timeout MS] [segment|end]" },
	};
	char err[CTL_ERR_LEN];
	struct ctl_cmd c;
	size_t i;

	CHECK(CMD(&c, err, "oam", "ping", "0/100") == 0 && c.id == CTL_CMD_OAM_PING &&
	      c.has_vc && c.vpi == 0 && c.vci == 100 && c.ping_count == 5 &&
	      c.ping_interval_ms == 1000 && c.ping_timeout_ms == 2000 && !c.ping_segment,
	      "oam ping 0/100: F5, the defaults");
	CHECK(CMD(&c, err, "oam", "ping", "7", "segment", "timeout", "60000", "interval", "0",
		  "count", "1000000") == 0 && !c.has_vc && c.vpi == 7 && c.ping_segment &&
	      c.ping_timeout_ms == 60000 && c.ping_interval_ms == 0 && c.ping_count == 1000000,
	      "oam ping 7 ...: F4 segment, the keywords in any order");
	CHECK(CMD(&c, err, "oam", "ping", "0/5", "end") == 0 && c.has_vc && c.vci == 5 &&
	      !c.ping_segment, "oam ping 0/5: the signalling VC");
	CHECK(CMD(&c, err, "oam", "ping") == CTL_EXIT_USAGE, "oam ping alone");
	CHECK_HAS(err, "missing arguments for 'oam ping'");
	CHECK(CMD(&c, err, "oam") == CTL_EXIT_USAGE, "oam alone");
	CHECK_HAS(err, "incomplete command 'oam': use 'oam ping");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *argv[12] = { "oam", "ping" };
		int n = 2;

		while (n - 2 < 9 && bad[i].args[n - 2] != NULL) {
			argv[n] = (char *)bad[i].args[n - 2];
			n++;
		}
		err[0] = '\0';
		CHECK(ctl_parse_cmd(n, argv, &c, err, sizeof(err)) == CTL_EXIT_USAGE,
		      "oam ping %s accepted", bad[i].args[0]);
		CHECK_HAS(err, bad[i].msg);
	}
}

static void
test_usage(void)
{
	static const char *const cmds[] = {
		"status", "vc list", "vc show VPI/VCI",
		"pvc add VPI/VCI [encap ENCAP] [sdu-label N|pdu-label N]",
		"pvc del VPI/VCI", "bind default VPI/VCI", "bind mac MAC VPI/VCI", "bind list",
		"call make ADDRESS [pcr N[/M]] [sdu N] [bhli HEX] [blli BLLI] [proto P]",
		"call list",
		"call release ID|VPI/VCI [cause N]",
		"sap add ADDRESS|any [bhli HEX] [blli BLLI] [proto P]", "sap list", "sap del ID",
		"oid get NAME [VPI/VCI]", "oid set NAME VALUE", "oid list",
		"capture start FILE [VPI/VCI ...]", "capture stop",
		"oam ping VPI/VCI|VPI [count N] [interval MS] [timeout MS] [segment|end]",
		"--file-prefix", "--port", "--json", "--timeout", "--help", "--version",
	};
	char *text = NULL;
	size_t n = 0, i;
	FILE *f = open_memstream(&text, &n);

	ctl_usage(f);
	fclose(f);
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		CHECK_HAS(text, cmds[i]);
	free(text);
}

int
main(void)
{
	test_vc();
	test_reserved();
	test_mac();
	test_port();
	test_opts();
	test_cmds();
	test_aesa();
	test_bhli_num();
	test_abs_file();
	test_cm_cmds();
	test_oam_ping();
	test_usage();
	return test_summary();
}
