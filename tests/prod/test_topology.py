"""What `make prod-local` runs under, checked without starting it: production settings pass Django's deploy
check, nginx accepts the configuration for any number of processes, the secret key is made once and kept."""

import subprocess
import sys

import pytest

from deploy.topology import NGINX, ROOT, Topology


def _topology(tmp_path, processes=2) -> Topology:
    return Topology(
        processes=processes,
        http_port=8680,
        https_port=8643,
        database_url="postgres://postgres@127.0.0.1:5432/bdhvs_topo_unused",
        redis_url="redis://127.0.0.1:6379/10",
        workdir=tmp_path,
        daphne_ports=[8601 + i for i in range(processes)],
    )


def test_the_topologys_production_settings_pass_the_deploy_check_with_no_warnings(tmp_path):
    topology = _topology(tmp_path)
    env = topology.server_env()
    assert env["DJANGO_ENV"] == "production"
    assert "https://127.0.0.1:8643" in env["CSRF_TRUSTED_ORIGINS"].split(",")
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_the_secret_key_is_generated_once_and_kept_out_of_the_nginx_configuration(tmp_path):
    first = _topology(tmp_path).server_env()["SECRET_KEY"]
    again = _topology(tmp_path).server_env()["SECRET_KEY"]
    assert first == again and len(first) >= 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0  # readable by its owner only
    assert first not in _topology(tmp_path).nginx_config()


@pytest.mark.nginx
@pytest.mark.parametrize("processes", [1, 4])
def test_nginx_accepts_the_configuration_for_any_number_of_processes(tmp_path, processes):
    topology = _topology(tmp_path, processes)
    conf = topology.write_nginx_config()
    assert conf.read_text().count("server 127.0.0.1:86") == 2 * processes  # pages' and sockets' upstreams
    done = subprocess.run(
        [
            NGINX,
            "-t",
            "-p",
            f"{topology.nginx_dir}/",
            "-c",
            str(conf),
            "-e",
            str(topology.nginx_dir / "logs" / "e.log"),
        ],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "[warn]" not in done.stderr, done.stderr
