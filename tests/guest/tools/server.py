"""A TCP echo server on 127.0.0.1:PORT, one thread per connection (for tcpaccept, tcplife,
threadsnoop …): started once by tests/guest/tools/run.py."""
import socket
import sys
import threading


def serve(conn):
    with conn:
        data = conn.recv(4096)
        if data:
            conn.sendall(data)


def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 9000
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", port))
    s.listen(64)
    print("listening", port, flush=True)
    while True:
        conn, _ = s.accept()
        threading.Thread(target=serve, args=(conn,), daemon=True).start()


main()
