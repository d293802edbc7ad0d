//! The only module that touches the network: client, robots, frontier, discovery.
