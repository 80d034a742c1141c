# Adapted from BCC's bcc/__init__.py, Copyright 2015 PLUMgrid,
# Licensed under the Apache License, Version 2.0.
"""BPF's program attachments to devices, sockets and cgroups: XDP (over netlink), raw
sockets (SO_ATTACH_BPF) and BPF_PROG_ATTACH/DETACH (attach_func/detach_func)."""
import errno
import os
import socket
import struct

from . import _sys
from .attach import Function
from .utils import _assert_is_bytes


class NetMixin(object):
    """BPF.attach_xdp/remove_xdp, attach_raw_socket, attach_func/detach_func."""

    @staticmethod
    def _xdp_netlink(dev, fd, flags):
        """RTM_SETLINK with IFLA_XDP {IFLA_XDP_FD, IFLA_XDP_FLAGS}, as libbpf/BCC do."""
        dev = dev.decode() if isinstance(dev, bytes) else dev
        ifindex = socket.if_nametoindex(dev)
        xdp = struct.pack("=HHi", 8, 1, fd)
        if flags:
            xdp += struct.pack("=HHI", 8, 3, flags)
        nla = struct.pack("=HH", 4 + len(xdp), 43 | 0x8000) + xdp
        ifi = struct.pack("=BxHiII", socket.AF_UNSPEC, 0, ifindex, 0, 0)
        body = ifi + nla
        hdr = struct.pack("=IHHII", 16 + len(body), 19, 0x1 | 0x4, 1, 0)
        s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)
        try:
            s.bind((0, 0))
            s.send(hdr + body)
            resp = s.recv(4096)
        finally:
            s.close()
        if len(resp) >= 20:
            typ = struct.unpack_from("=H", resp, 4)[0]
            if typ == 2:  # NLMSG_ERROR
                err = struct.unpack_from("=i", resp, 16)[0]
                return err
        return 0

    @staticmethod
    def attach_xdp(dev, fn, flags=0):
        '''
            This function attaches a BPF function to a device on the device
            driver level (XDP)
        '''
        dev = _assert_is_bytes(dev)
        if not isinstance(fn, Function):
            raise Exception("arg 1 must be of type BPF.Function")
        res = NetMixin._xdp_netlink(dev, fn.fd, flags)
        if res < 0:
            err_no = -res
            if err_no == errno.EBADMSG:
                raise Exception("Internal error while attaching BPF to device,"+
                    " try increasing the debug level!")
            else:
                errstr = os.strerror(err_no)
                raise Exception("Failed to attach BPF to device %s: %s"
                            % (dev, errstr))

    @staticmethod
    def remove_xdp(dev, flags=0):
        '''
            This function removes any BPF function from a device on the
            device driver level (XDP)
        '''
        dev = _assert_is_bytes(dev)
        res = NetMixin._xdp_netlink(dev, -1, flags)
        if res < 0:
            errstr = os.strerror(-res)
            raise Exception("Failed to detach BPF from device %s: %s"
                            % (dev, errstr))

    @staticmethod
    def attach_func(fn, attachable_fd, attach_type, flags=0):
        if not isinstance(fn, Function):
            raise Exception("arg 1 must be of type BPF.Function")
        res = _sys.prog_attach(fn.fd, attachable_fd, attach_type, flags)
        if res < 0:
            raise Exception("Failed to attach BPF function with attach_type "\
                            "{0}: {1}".format(attach_type, os.strerror(-res)))

    @staticmethod
    def detach_func(fn, attachable_fd, attach_type):
        if not isinstance(fn, Function):
            raise Exception("arg 1 must be of type BPF.Function")
        res = _sys.prog_detach(fn.fd, attachable_fd, attach_type)
        if res < 0:
            raise Exception("Failed to detach BPF function with attach_type "\
                            "{0}: {1}".format(attach_type, os.strerror(-res)))

    @staticmethod
    def attach_raw_socket(fn, dev):
        dev = _assert_is_bytes(dev)
        if not isinstance(fn, Function):
            raise Exception("arg 1 must be of type BPF.Function")
        try:
            s = socket.socket(socket.AF_PACKET,
                              socket.SOCK_RAW | socket.SOCK_NONBLOCK | socket.SOCK_CLOEXEC,
                              socket.htons(3))  # ETH_P_ALL
            if dev:
                s.bind((dev.decode(), 3))
        except OSError as e:
            raise Exception("Failed to open raw device %s: %s" % (dev, e.strerror))
        try:
            s.setsockopt(socket.SOL_SOCKET, 50, struct.pack("i", fn.fd))  # SO_ATTACH_BPF
        except OSError as e:
            s.close()
            raise Exception("Failed to attach BPF to device %s: %s"
                    % (dev, e.strerror))
        fn._sock_obj = s
        fn.sock = s.fileno()
