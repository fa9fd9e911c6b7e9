/* cli serve: run the web server until SIGINT/SIGTERM. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "auth/auth.h"
#include "cli/cli.h"
#include "cli/opts.h"
#include "core/log.h"
#include "store/store.h"
#include "web/modules.h"
#include "web/web.h"


static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: osaaja serve [--db FILE|postgres://...] [--port N] [--bind ADDR] [--threads N]\n"
	           "                    [--port-file FILE] [--secure-cookies] [--max-per-address N]\n"
	           "                    [--trusted-proxy ADDR[,ADDR...]] [--demo]\n\n"
	           "Runs the web application and the JSON API (default http://127.0.0.1:8080). --port 0 picks a free port\n"
	           "(written to --port-file). --max-per-address caps the open connections of one client address (default\n"
	           "128; 0 = no cap, for a server behind a reverse proxy that caps them). --trusted-proxy names the proxies\n"
	           "whose X-Forwarded-For gives the client's address (login throttling). --demo marks every page as a\n"
	           "demonstration with made-up data (scripts/run-demo.sh). Stops on Ctrl-C or SIGTERM.\n");
}

int cli_serve(int argc, char **argv)
{
	struct opt o[] = {{"db", true, NULL},      {"port", true, NULL},     {"bind", true, NULL},
	                  {"threads", true, NULL}, {"port-file", true, NULL}, {"secure-cookies", false, NULL},
	                  {"help", false, NULL}, {"max-per-address", true, NULL},
	                  {"trusted-proxy", true, NULL}, {"demo", false, NULL}};
	const char *pos[1];
	int npos;
	int rc = opts_begin("serve", usage, argc, argv, o, 10, pos, 0, &npos, -1, -1);
	if (rc >= 0)
		return rc;
	long port = 8080, threads = 0;
	if (o[1].value && !opts_long("serve", "port", o[1].value, 0, 65535, &port))
		return 2;
	if (o[3].value && !opts_long("serve", "threads", o[3].value, 1, 256, &threads))
		return 2;
	long per_address = 128;
	if (o[7].value && !opts_long("serve", "max-per-address", o[7].value, 0, 4000, &per_address))
		return 2;
	if (auth_init()) {
		fprintf(stderr, "osaaja serve: cannot initialise the crypto library\n");
		return 1;
	}
	const char *db = o[0].value ? o[0].value : cli_default_db();
	struct store *s = cli_open_store(db);
	if (!s)
		return 1;
	if (web_modules_start(s, db)) {
		store_close(s);
		return 1;
	}
	store_close(s);
	struct web_config cfg = {
		.db_url = db,
		.bind = o[2].value ? o[2].value : "127.0.0.1",
		.port = (int)port,
		.threads = (int)threads,
		.port_file = o[4].value,
		.secure_cookies = o[5].value != NULL,
		.max_per_address = (int)per_address,
		.trusted_proxies = o[8].value,
		.demo = o[9].value != NULL,
	};
	struct web_server *srv;
	struct err e = {0};
	if (web_server_start(&cfg, &srv, &e)) {
		fprintf(stderr, "osaaja serve: %s\n", e.message);
		web_modules_stop();
		return 1;
	}
	if (cfg.port_file) {
		FILE *f = fopen(cfg.port_file, "w");
		if (!f || fprintf(f, "%d\n", web_server_port(srv)) < 0 || fclose(f)) {
			fprintf(stderr, "osaaja serve: cannot write %s\n", cfg.port_file);
			web_server_stop(srv);
			return 1;
		}
	}
	struct sigaction sa = {0};
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	log_info("event=listening url=http://%s:%d/", cfg.bind, web_server_port(srv));
	printf("osaaja is running at http://%s:%d/ (Ctrl-C stops it)\n", strcmp(cfg.bind, "127.0.0.1") == 0 ? "localhost" : cfg.bind,
	       web_server_port(srv));
	fflush(stdout);
	while (!stop)
		pause();
	log_info("event=stopping");
	web_server_stop(srv);
	web_modules_stop();
	return 0;
}
