# From BCC's bcc/tcp.py, Licensed under the Apache License, Version 2.0.
"""`bcc.tcp`: TCP state names and header flags."""

# from include/net/tcp_states.h:
tcpstate = {}
tcpstate[1] = 'ESTABLISHED'
tcpstate[2] = 'SYN_SENT'
tcpstate[3] = 'SYN_RECV'
tcpstate[4] = 'FIN_WAIT1'
tcpstate[5] = 'FIN_WAIT2'
tcpstate[6] = 'TIME_WAIT'
tcpstate[7] = 'CLOSE'
tcpstate[8] = 'CLOSE_WAIT'
tcpstate[9] = 'LAST_ACK'
tcpstate[10] = 'LISTEN'
tcpstate[11] = 'CLOSING'
tcpstate[12] = 'NEW_SYN_RECV'

# from include/net/tcp.h:
TCPHDR_FIN = 0x01
TCPHDR_SYN = 0x02
TCPHDR_RST = 0x04
TCPHDR_PSH = 0x08
TCPHDR_ACK = 0x10
TCPHDR_URG = 0x20
TCPHDR_ECE = 0x40
TCPHDR_CWR = 0x80

def flags2str(flags):
    names = [(TCPHDR_FIN, "FIN"), (TCPHDR_SYN, "SYN"), (TCPHDR_RST, "RST"), (TCPHDR_PSH, "PSH"),
             (TCPHDR_ACK, "ACK"), (TCPHDR_URG, "URG"), (TCPHDR_ECE, "ECE"), (TCPHDR_CWR, "CWR")]
    return "|".join(name for bit, name in names if flags & bit)
