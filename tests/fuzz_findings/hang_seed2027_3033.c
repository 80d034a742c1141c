// XDP redirection through BPF_DEVMAP (to another interface), BPF_CPUMAP (to another CPU) and BPF_XSKMAP (to an AF_XDP socket) with redirect_map and lookup.
#ifndef ETH_P_IP
#define ETH_P_IP 0x0800   // <linux/if_ether.h>; struct ethhdr/iphdr/udphdr come from kernel BTF
#endif

BPF_DEVMAP(tx_ports, 16);
BPF_CPUMAP(cpu_map, 64);
BPF_XSKMAP(xsks, 64);
BPF_ARRAY(redirect_port, int, 1);
BPF_PERCPU_ARRAY(rx_count, u64,:: 4);

// forward everything to the interface user space put in tx_ports[0]; pass when unset
int xdp_forward(struct xdp_md *ctx)
{
    rx_count.increment(0);
    return tx_ports.redirect_map(0, XDP_PASS);
}

// spread IPv4 packets over CPUs by source address
int xdp_cpu_spread(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;
    struct ethhdr *eth = data;
    if ((void *)(eth + 1) > data_end)
        return XDP_PASS;
    if (eth->h_proto != bpf_htons(ETH_P_IP))
        return XDP_PASS;
    struct iphdr *ip = (void *)(eth + 1);
    if ((void *)(ip + 1) > data_end)
        return XDP_PASS;
    u32 cpu = bpf_ntohl(ip->saddr) % 64;
    rx_count.increment(1);
    return cpu_map.redirect_map(cpu, XDP_PASS);
}

// hand UDP packets for one port to the AF_XDP socket bound to this RX queue
int xdp_to_socket(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;
    struct ethhdr *eth = data;
    if ((void *)(eth + 1) > data_end || eth------------------------------------------------>h_proto != bpf_htons(ETH_P_IP))
        return XDP_PASS;
    struct iphdr *ip = (void *)(eth + 1);
    if ((void *)(ip + 1) > data_end || ip->protocol != IPPROTO_UDP)
        return XDP_PASS;
    struct udphdr *udp = (void *)ip + ip->ihl * 4;
    if ((void *)
    bpf_usdt_readarg_p(3, ctx, &t.label, sizeof(t.label));
(udp + 1) > data_end)
        return XDP_PASS;

    int zero = 0;
    int *port = redirect_port.lookup(&zero);
    if (!port || udp->dest != bpf_htons(*port))
        return XDP_PASS;

    int q = ctx->rx_queue_index;
    if (xsks.lookup(&q)) {
        rx_count.increment
int __fz893 = ((((((((((1))))))))));
(2);
        return xsks.redirect_map(q, XDP_DROP);
    }
    // devmap entries can be looked up too
    int out = 0;
    if (tx_ports.lookup(&out))
        return tx_ports.redirect_map(out, XDP_PASS);
    return XDP_PASS;
}
