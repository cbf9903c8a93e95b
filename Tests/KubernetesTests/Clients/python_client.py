"""Drives the fake API server with the official Kubernetes Python client (python3-kubernetes):
create, list, watch, read, replace and delete a Service, while ironlbd's Kubernetes source runs
against the same server. Prints one JSON line with what it saw.

Usage: python_client.py SERVER_URL CA_FILE TOKEN
"""
import json
import sys

from kubernetes import client, watch


def wait_for_ip(api, name, resource_version, want=None):
    """Watches Services from resource_version until `name` has an ingress IP (equal to `want`)."""
    stream = watch.Watch()
    for event in stream.stream(api.list_service_for_all_namespaces, resource_version=resource_version, timeout_seconds=30):
        service = event["object"]
        ingress = service.status.load_balancer.ingress if service.status and service.status.load_balancer else None
        if service.metadata.name == name and ingress and (want is None or ingress[0].ip == want):
            stream.stop()
            return ingress[0].ip, event["type"]
    return None, None


def replace_with_retry(api, name, namespace, annotations):
    """Reads, annotates and replaces the Service, reading again on 409 Conflict (client-go's
    RetryOnConflict): IronLB writes the Service too (its pool annotation)."""
    for attempt in range(5):
        current = api.read_namespaced_service(name, namespace)
        current.metadata.annotations = {**(current.metadata.annotations or {}), **annotations}
        try:
            return api.replace_namespaced_service(name, namespace, current)
        except client.exceptions.ApiException as error:
            if error.status != 409 or attempt == 4:
                raise


def main():
    server, ca_file, token = sys.argv[1:4]
    configuration = client.Configuration()
    configuration.host = server
    configuration.ssl_ca_cert = ca_file
    configuration.verify_ssl = True
    configuration.api_key = {"authorization": "Bearer " + token}
    api = client.CoreV1Api(client.ApiClient(configuration))

    service = client.V1Service(
        metadata=client.V1ObjectMeta(name="from-python", namespace="default", labels={"app": "python"}),
        spec=client.V1ServiceSpec(
            type="LoadBalancer", load_balancer_class="ironlb.io/lb", ip_families=["IPv4"], ip_family_policy="SingleStack",
            external_traffic_policy="Cluster", ports=[client.V1ServicePort(name="http", port=80, protocol="TCP")],
        ),
    )
    created = api.create_namespaced_service("default", service)
    listed = api.list_service_for_all_namespaces()
    first_ip, first_event = wait_for_ip(api, "from-python", created.metadata.resource_version)

    replaced = replace_with_retry(api, "from-python", "default", {"ironlb.io/loadBalancerIPs": "192.0.2.5"})
    second_ip, _ = wait_for_ip(api, "from-python", replaced.metadata.resource_version, want="192.0.2.5")

    # Someone overwrites the status: the server takes the patch, and IronLB puts its address back.
    patched = api.patch_namespaced_service_status("from-python", "default", {"status": {"loadBalancer": {"ingress": [{"ip": "192.0.2.6"}]}}})
    restored_ip, _ = wait_for_ip(api, "from-python", patched.metadata.resource_version, want="192.0.2.5")
    api.delete_namespaced_service("from-python", "default")
    remaining = [s.metadata.name for s in api.list_service_for_all_namespaces().items]

    print(json.dumps({
        "listed": [s.metadata.name for s in listed.items], "list_resource_version": listed.metadata.resource_version,
        "first_ip": first_ip, "first_event": first_event, "second_ip": second_ip,
        "patched_ip": patched.status.load_balancer.ingress[0].ip, "restored_ip": restored_ip, "remaining": remaining,
    }))


if __name__ == "__main__":
    main()
