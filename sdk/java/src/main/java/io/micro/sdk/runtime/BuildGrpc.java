package io.micro.sdk.runtime;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Build serves prebuilt service binaries to the runtime's workers.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class BuildGrpc {

  private BuildGrpc() {}

  public static final java.lang.String SERVICE_NAME = "runtime.Build";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<io.micro.sdk.runtime.Service,
      io.micro.sdk.runtime.BuildReadResponse> getReadMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Read",
      requestType = io.micro.sdk.runtime.Service.class,
      responseType = io.micro.sdk.runtime.BuildReadResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
  public static io.grpc.MethodDescriptor<io.micro.sdk.runtime.Service,
      io.micro.sdk.runtime.BuildReadResponse> getReadMethod() {
    io.grpc.MethodDescriptor<io.micro.sdk.runtime.Service, io.micro.sdk.runtime.BuildReadResponse> getReadMethod;
    if ((getReadMethod = BuildGrpc.getReadMethod) == null) {
      synchronized (BuildGrpc.class) {
        if ((getReadMethod = BuildGrpc.getReadMethod) == null) {
          BuildGrpc.getReadMethod = getReadMethod =
              io.grpc.MethodDescriptor.<io.micro.sdk.runtime.Service, io.micro.sdk.runtime.BuildReadResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Read"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.runtime.Service.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.runtime.BuildReadResponse.getDefaultInstance()))
              .setSchemaDescriptor(new BuildMethodDescriptorSupplier("Read"))
              .build();
        }
      }
    }
    return getReadMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static BuildStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<BuildStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<BuildStub>() {
        @java.lang.Override
        public BuildStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new BuildStub(channel, callOptions);
        }
      };
    return BuildStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static BuildBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<BuildBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<BuildBlockingV2Stub>() {
        @java.lang.Override
        public BuildBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new BuildBlockingV2Stub(channel, callOptions);
        }
      };
    return BuildBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static BuildBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<BuildBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<BuildBlockingStub>() {
        @java.lang.Override
        public BuildBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new BuildBlockingStub(channel, callOptions);
        }
      };
    return BuildBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static BuildFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<BuildFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<BuildFutureStub>() {
        @java.lang.Override
        public BuildFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new BuildFutureStub(channel, callOptions);
        }
      };
    return BuildFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Build serves prebuilt service binaries to the runtime's workers.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Read streams the latest build of a service (name and version are required).
     * </pre>
     */
    default void read(io.micro.sdk.runtime.Service request,
        io.grpc.stub.StreamObserver<io.micro.sdk.runtime.BuildReadResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getReadMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service Build.
   * <pre>
   * Build serves prebuilt service binaries to the runtime's workers.
   * </pre>
   */
  public static abstract class BuildImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return BuildGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service Build.
   * <pre>
   * Build serves prebuilt service binaries to the runtime's workers.
   * </pre>
   */
  public static final class BuildStub
      extends io.grpc.stub.AbstractAsyncStub<BuildStub> {
    private BuildStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected BuildStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new BuildStub(channel, callOptions);
    }

    /**
     * <pre>
     * Read streams the latest build of a service (name and version are required).
     * </pre>
     */
    public void read(io.micro.sdk.runtime.Service request,
        io.grpc.stub.StreamObserver<io.micro.sdk.runtime.BuildReadResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncServerStreamingCall(
          getChannel().newCall(getReadMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service Build.
   * <pre>
   * Build serves prebuilt service binaries to the runtime's workers.
   * </pre>
   */
  public static final class BuildBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<BuildBlockingV2Stub> {
    private BuildBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected BuildBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new BuildBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Read streams the latest build of a service (name and version are required).
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<?, io.micro.sdk.runtime.BuildReadResponse>
        read(io.micro.sdk.runtime.Service request) {
      return io.grpc.stub.ClientCalls.blockingV2ServerStreamingCall(
          getChannel(), getReadMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service Build.
   * <pre>
   * Build serves prebuilt service binaries to the runtime's workers.
   * </pre>
   */
  public static final class BuildBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<BuildBlockingStub> {
    private BuildBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected BuildBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new BuildBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Read streams the latest build of a service (name and version are required).
     * </pre>
     */
    public java.util.Iterator<io.micro.sdk.runtime.BuildReadResponse> read(
        io.micro.sdk.runtime.Service request) {
      return io.grpc.stub.ClientCalls.blockingServerStreamingCall(
          getChannel(), getReadMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service Build.
   * <pre>
   * Build serves prebuilt service binaries to the runtime's workers.
   * </pre>
   */
  public static final class BuildFutureStub
      extends io.grpc.stub.AbstractFutureStub<BuildFutureStub> {
    private BuildFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected BuildFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new BuildFutureStub(channel, callOptions);
    }
  }

  private static final int METHODID_READ = 0;

  private static final class MethodHandlers<Req, Resp> implements
      io.grpc.stub.ServerCalls.UnaryMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ServerStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ClientStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.BidiStreamingMethod<Req, Resp> {
    private final AsyncService serviceImpl;
    private final int methodId;

    MethodHandlers(AsyncService serviceImpl, int methodId) {
      this.serviceImpl = serviceImpl;
      this.methodId = methodId;
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public void invoke(Req request, io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        case METHODID_READ:
          serviceImpl.read((io.micro.sdk.runtime.Service) request,
              (io.grpc.stub.StreamObserver<io.micro.sdk.runtime.BuildReadResponse>) responseObserver);
          break;
        default:
          throw new AssertionError();
      }
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public io.grpc.stub.StreamObserver<Req> invoke(
        io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        default:
          throw new AssertionError();
      }
    }
  }

  public static final io.grpc.ServerServiceDefinition bindService(AsyncService service) {
    return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
        .addMethod(
          getReadMethod(),
          io.grpc.stub.ServerCalls.asyncServerStreamingCall(
            new MethodHandlers<
              io.micro.sdk.runtime.Service,
              io.micro.sdk.runtime.BuildReadResponse>(
                service, METHODID_READ)))
        .build();
  }

  private static abstract class BuildBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    BuildBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return io.micro.sdk.runtime.RuntimeOuterClass.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("Build");
    }
  }

  private static final class BuildFileDescriptorSupplier
      extends BuildBaseDescriptorSupplier {
    BuildFileDescriptorSupplier() {}
  }

  private static final class BuildMethodDescriptorSupplier
      extends BuildBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    BuildMethodDescriptorSupplier(java.lang.String methodName) {
      this.methodName = methodName;
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.MethodDescriptor getMethodDescriptor() {
      return getServiceDescriptor().findMethodByName(methodName);
    }
  }

  private static volatile io.grpc.ServiceDescriptor serviceDescriptor;

  public static io.grpc.ServiceDescriptor getServiceDescriptor() {
    io.grpc.ServiceDescriptor result = serviceDescriptor;
    if (result == null) {
      synchronized (BuildGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new BuildFileDescriptorSupplier())
              .addMethod(getReadMethod())
              .build();
        }
      }
    }
    return result;
  }
}
