/* SPDX-License-Identifier: BSD-3-Clause
 * mcm-ctl argument parsing: VPI/VCI syntax and ranges, reserved VCIs, MAC addresses, port
 * values, global options and command words. Nothing here opens a socket.
 */
#include <stdint.h>

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
	char err[CTL_ERR_LEN];
	struct ctl_opts o;
	int rc;

	rc = ctl_parse_opts(ARGC("mcm-ctl", "status"), ARGV("mcm-ctl", "status"), &o, err,
			    sizeof(err));
	CHECK(rc == 0 && strcmp(o.prefix, "rte") == 0 && o.port == NULL && !o.json &&
	      o.timeout == 5.0 && o.argc == 1 && strcmp(o.argv[0], "status") == 0, "defaults");

	rc = ctl_parse_opts(ARGC("mcm-ctl", "-f", "x1", "-p", "net_mcm1", "--json", "-t", "0.5",
				 "vc", "list"),
			    ARGV("mcm-ctl", "-f", "x1", "-p", "net_mcm1", "--json", "-t", "0.5",
				 "vc", "list"), &o, err, sizeof(err));
	CHECK(rc == 0 && strcmp(o.prefix, "x1") == 0 && strcmp(o.port, "net_mcm1") == 0 &&
	      o.json && o.timeout == 0.5 && o.argc == 2, "short options");

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
	CHECK_STR(err, "bad encapsulation 'raw': use llc or vcmux");
	CHECK(CMD(&c, err, "pvc", "add", "0/40", "vcmux") == CTL_EXIT_USAGE, "encap word");
	CHECK_STR(err, "bad arguments for 'pvc add': usage: mcm-ctl pvc add VPI/VCI "
		  "[encap llc|vcmux]");
	CHECK(CMD(&c, err, "pvc", "add") == CTL_EXIT_USAGE, "pvc add without VC");
	CHECK_STR(err, "missing arguments for 'pvc add': usage: mcm-ctl pvc add VPI/VCI "
		  "[encap llc|vcmux]");
	CHECK(CMD(&c, err, "status", "now") == CTL_EXIT_USAGE, "status now");
	CHECK_STR(err, "too many arguments for 'status': usage: mcm-ctl status");
	CHECK(CMD(&c, err, "vc", "list", "0/40") == CTL_EXIT_USAGE, "vc list arg");
	CHECK(CMD(&c, err, "vc") == CTL_EXIT_USAGE, "vc");
	CHECK_STR(err, "incomplete command 'vc': use 'vc list' or 'vc show VPI/VCI'");
	CHECK(CMD(&c, err, "bind", "ip") == CTL_EXIT_USAGE, "bind ip");
	CHECK_STR(err, "unknown command 'bind ip': use 'bind default VPI/VCI' or 'bind mac MAC "
		  "VPI/VCI' or 'bind list'");
	CHECK(CMD(&c, err, "frobnicate") == CTL_EXIT_USAGE, "unknown");
	CHECK_STR(err, "unknown command 'frobnicate' (see mcm-ctl --help)");
	CHECK(CMD(&c, err, "call", "make", "47.0005") == CTL_EXIT_USAGE, "call");
	CHECK_HAS(err, "unknown command 'call': not available in this version");
	CHECK(CMD(&c, err, "sap", "list") == CTL_EXIT_USAGE, "sap");
	CHECK(CMD(&c, err, "oid", "get", "x") == CTL_EXIT_USAGE, "oid");
	CHECK(CMD(&c, err, "capture", "stop") == CTL_EXIT_USAGE, "capture");
	CHECK_HAS(err, "'capture': not available");
	CHECK(ctl_parse_cmd(0, NULL, &c, err, sizeof(err)) == CTL_EXIT_USAGE, "no command");
	CHECK_STR(err, "no command given (see mcm-ctl --help)");
}

static void
test_usage(void)
{
	static const char *const cmds[] = {
		"status", "vc list", "vc show VPI/VCI", "pvc add VPI/VCI [encap llc|vcmux]",
		"pvc del VPI/VCI", "bind default VPI/VCI", "bind mac MAC VPI/VCI", "bind list",
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
	test_usage();
	return test_summary();
}
