package io.servercore.benchmarks.netty;

/**
 * {@code java -cp benchmarks.jar io.servercore.benchmarks.netty.NettyMain --port P --threads N}
 * (also {@code --host}, {@code --packet-rate}, {@code --idle-timeout SECONDS}, 0 = off):
 * the Netty reference server in its own JVM, for the end-to-end comparison. Prints one
 * "listening on HOST:PORT" line and runs until killed.
 */
public final class NettyMain {
    private NettyMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = 7778;
        int threads = Runtime.getRuntime().availableProcessors();
        String host = "0.0.0.0";
        int rate = 200;
        int idleSeconds = 60;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port": port = Integer.parseInt(args[i + 1]); break;
                case "--threads": threads = Integer.parseInt(args[i + 1]); break;
                case "--host": host = args[i + 1]; break;
                case "--packet-rate": rate = Integer.parseInt(args[i + 1]); break;
                case "--idle-timeout": idleSeconds = Integer.parseInt(args[i + 1]); break;
                default: throw new IllegalArgumentException("unknown flag " + args[i]
                        + "; allowed --host --port --threads --packet-rate --idle-timeout");
            }
        }
        NettyChatServer.Config d = NettyChatServer.Config.defaults(port, threads);
        NettyChatServer server = NettyChatServer.start(new NettyChatServer.Config(host, port, threads, d.maxFrameSize(),
                d.roomCapacity(), d.chatLimit(), rate, d.packetBurst(), d.outboundLimit(), idleSeconds));
        System.out.println("netty chat server listening on " + host + ":" + server.address().getPort());
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        Thread.currentThread().join();
    }
}
